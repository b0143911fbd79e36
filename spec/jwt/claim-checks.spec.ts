import { expect } from 'chai';
import { InvalidTokenError, TokenExpiredError } from '../../src/errors/token-errors';
import { checkClaims, type ClaimRules } from '../../src/jwt/claim-checks';

const NOW = 1_700_000_000;
const RULES: ClaimRules = { issuer: undefined, audience: undefined, clockTolerance: 0 };
const GOOD = { sub: 'admin', iat: NOW - 10, exp: NOW + 10 };

describe('checkClaims', () => {
  it('returns valid claims as they are', () => {
    const claims = { ...GOOD, role: 'editor' };
    expect(checkClaims(claims, NOW, RULES)).to.equal(claims);
  });

  it('refuses a token at its exp exactly with TokenExpiredError carrying the date, and serves it within the clock tolerance', () => {
    const error = (() => {
      try {
        checkClaims({ ...GOOD, exp: NOW }, NOW, RULES);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).to.be.instanceOf(TokenExpiredError);
    expect((error as TokenExpiredError).expiredAt.getTime()).to.equal(NOW * 1000);
    expect(checkClaims({ ...GOOD, exp: NOW }, NOW, { ...RULES, clockTolerance: 1 }).exp).to.equal(NOW);
  });

  it('refuses an exp before the earliest Date as invalid rather than expired', () => {
    expect(() => checkClaims({ ...GOOD, exp: -1e300 }, NOW, RULES)).to.throw(InvalidTokenError, 'range of dates');
  });

  it('refuses an nbf ahead of now plus the tolerance, and serves one within it', () => {
    expect(() => checkClaims({ ...GOOD, nbf: NOW + 1 }, NOW, RULES)).to.throw(InvalidTokenError, 'not valid yet');
    expect(checkClaims({ ...GOOD, nbf: NOW + 5 }, NOW, { ...RULES, clockTolerance: 5 }).sub).to.equal('admin');
  });

  it('refuses missing or ill-typed sub, exp, iat and nbf, naming the claim', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...GOOD, sub: undefined }, '"sub"'],
      [{ ...GOOD, sub: '' }, '"sub"'],
      [{ ...GOOD, sub: 7 }, '"sub"'],
      [{ ...GOOD, exp: undefined }, '"exp"'],
      [{ ...GOOD, exp: String(NOW + 10) }, '"exp"'],
      [{ ...GOOD, iat: undefined }, '"iat"'],
      [{ ...GOOD, iat: null }, '"iat"'],
      [{ ...GOOD, nbf: '0' }, '"nbf"'],
    ];
    for (const [claims, name] of cases) expect(() => checkClaims(claims, NOW, RULES), name).to.throw(InvalidTokenError, name);
  });

  it('checks the configured audience against a string or a list, and the configured issuer', () => {
    const rules = { ...RULES, issuer: 'me', audience: 'you' };
    expect(checkClaims({ ...GOOD, iss: 'me', aud: 'you' }, NOW, rules).sub).to.equal('admin');
    expect(checkClaims({ ...GOOD, iss: 'me', aud: ['them', 'you'] }, NOW, rules).sub).to.equal('admin');
    expect(() => checkClaims({ ...GOOD, iss: 'me', aud: 'them' }, NOW, rules)).to.throw(InvalidTokenError, '"aud"');
    expect(() => checkClaims({ ...GOOD, iss: 'me' }, NOW, rules)).to.throw(InvalidTokenError, '"aud"');
    expect(() => checkClaims({ ...GOOD, iss: 'other', aud: 'you' }, NOW, rules)).to.throw(InvalidTokenError, '"iss"');
    expect(() => checkClaims({ ...GOOD, aud: 'you' }, NOW, rules)).to.throw(InvalidTokenError, '"iss"');
  });

  it('checks expiry before the other claims, as a caller told "expired" needs no other reason', () => {
    expect(() => checkClaims({ exp: NOW - 1 }, NOW, RULES)).to.throw(TokenExpiredError);
  });
});
