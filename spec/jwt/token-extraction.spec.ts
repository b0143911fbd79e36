import { expect } from 'chai';
import { extractToken } from '../../src/jwt/token-extraction';

const cookie = () => 'cookie-token';
const none = () => undefined;

describe('extractToken', () => {
  it('reads a token from the Authorization header before the cookie', () => {
    expect(extractToken({ authorization: 'Bearer header-token' }, cookie)).to.equal('header-token');
  });

  it('accepts any casing of the Bearer scheme and surrounding spaces', () => {
    expect(extractToken({ authorization: '  bearer   abc  ' }, none)).to.equal('abc');
    expect(extractToken({ authorization: 'BEARER abc' }, none)).to.equal('abc');
  });

  it('accepts a bare token in the header, as gin-jwt-session does', () => {
    expect(extractToken({ authorization: 'abc.def.ghi' }, cookie)).to.equal('abc.def.ghi');
  });

  it('falls back to the cookie without an Authorization header or with another scheme', () => {
    expect(extractToken({}, cookie)).to.equal('cookie-token');
    expect(extractToken({ authorization: '' }, cookie)).to.equal('cookie-token');
    expect(extractToken({ authorization: 'Basic dXNlcjpwYXNz' }, cookie)).to.equal('cookie-token');
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
