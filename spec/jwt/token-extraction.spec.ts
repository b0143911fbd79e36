import { expect } from 'chai';
import { extractToken } from '../../src/jwt/token-extraction';

const cookie = () => 'cookie-token';
const fromHeader = (token: string) => ({ token, source: 'header' });
const fromCookie = { token: 'cookie-token', source: 'cookie' };
const none = () => undefined;

describe('extractToken', () => {
  it('reads a token from the Authorization header before the cookie', () => {
    expect(extractToken({ authorization: 'Bearer header-token' }, cookie)).to.deep.equal(fromHeader('header-token'));
  });

  it('accepts any casing of the Bearer scheme and surrounding spaces', () => {
    expect(extractToken({ authorization: '  bearer   abc  ' }, none)).to.deep.equal(fromHeader('abc'));
    expect(extractToken({ authorization: 'BEARER abc' }, none)).to.deep.equal(fromHeader('abc'));
  });

  it('accepts a bare token in the header, as gin-jwt-session does', () => {
    expect(extractToken({ authorization: 'abc.def.ghi' }, cookie)).to.deep.equal(fromHeader('abc.def.ghi'));
  });

  it('falls back to the cookie without an Authorization header or with another scheme', () => {
    expect(extractToken({}, cookie)).to.deep.equal(fromCookie);
    expect(extractToken({ authorization: '' }, cookie)).to.deep.equal(fromCookie);
    expect(extractToken({ authorization: 'Basic dXNlcjpwYXNz' }, cookie)).to.deep.equal(fromCookie);
  });

  it('never rescues a malformed Bearer header with the cookie', () => {
    expect(extractToken({ authorization: 'Bearer' }, cookie)).to.equal(undefined);
    expect(extractToken({ authorization: 'Bearer a b' }, cookie)).to.equal(undefined);
  });

  it('treats an empty cookie as no token', () => {
    expect(extractToken({}, () => '')).to.equal(undefined);
    expect(extractToken({}, none)).to.equal(undefined);
  });
});
