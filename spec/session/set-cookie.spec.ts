import { expect } from 'chai';
import { serializeCookie, type SetCookieAttributes } from '../../src/session/set-cookie';

const NOW = Date.UTC(2026, 0, 1);
const base: SetCookieAttributes = {
  path: '/',
  domain: undefined,
  secure: false,
  httpOnly: true,
  sameSite: 'lax',
  partitioned: false,
  priority: undefined,
};

describe('serializeCookie', () => {
  it('writes Path, Expires, Max-Age, HttpOnly and SameSite', () => {
    expect(serializeCookie('s', 'v', 60, NOW, base)).to.equal(
      's=v; Path=/; Expires=Thu, 01 Jan 2026 00:01:00 GMT; Max-Age=60; HttpOnly; SameSite=Lax',
    );
  });

  it('adds Domain and Secure when asked, and leaves out HttpOnly when not', () => {
    const header = serializeCookie('s', 'v', 60, NOW, { ...base, domain: 'example.com', secure: true, httpOnly: false, sameSite: 'strict' });
    expect(header).to.equal('s=v; Path=/; Expires=Thu, 01 Jan 2026 00:01:00 GMT; Max-Age=60; Domain=example.com; Secure; SameSite=Strict');
  });

  it('adds Partitioned and Priority when asked', () => {
    expect(serializeCookie('s', 'v', 60, NOW, { ...base, secure: true, partitioned: true, priority: 'high' })).to.equal(
      's=v; Path=/; Expires=Thu, 01 Jan 2026 00:01:00 GMT; Max-Age=60; HttpOnly; Secure; SameSite=Lax; Partitioned; Priority=High',
    );
  });

  it('deletes with Max-Age=0 and an Expires in 1970', () => {
    expect(serializeCookie('s', '', 0, NOW, { ...base, sameSite: 'none', secure: true })).to.equal(
      's=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Secure; SameSite=None',
    );
  });
});
