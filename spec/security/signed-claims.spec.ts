import { expect } from 'chai';
import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { InvalidTokenError, TokenExpiredError } from '../../src/errors/token-errors';
import { TokenService } from '../../src/jwt/token-service';
import { resolveOptions } from '../../src/options/resolve-options';
import { buildApp } from '../support/app';
import { forgeHs256 } from '../support/forge';
import { SECRET } from '../support/secrets';
import { ProbeController } from './support/probe-app';

const RUNS = 10_000;
const T0 = Date.UTC(2026, 0, 1);
const NOW = T0 / 1000;

/**
 * Tokens signed with the right key but holding claims or sizes no login of ours would write: what a
 * buggy or careless service sharing the secret (the README invites that) may send, or what a client
 * holding a large API token may put in the token cookie. The signature is good, so only the claim
 * checks stand between them and the app; they must end in the library's typed errors or a served
 * user, never in anything else (which becomes a 500).
 */
describe('correctly signed tokens with unusual claims or sizes', function () {
  this.timeout(60_000);
  const tokens = new TokenService(resolveOptions({ secret: SECRET }, { production: false }).jwt, () => T0);

  /** Numbers where clocks and dates break: the edges of Date, of safe integers, and of doubles. */
  const edgeNumber = fc.oneof(
    fc.constantFrom(0, -0, -1, 1, NOW, NOW - 1, NOW + 1, 8.64e12, 8.64e12 + 1, -8.64e12, -8.64e12 - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, 0.5),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  const claimValue = fc.oneof(edgeNumber, fc.jsonValue());

  it(`verify throws only InvalidTokenError or TokenExpiredError for ${RUNS} signed tokens with arbitrary sub, iat, nbf and exp`, () => {
    const claims = fc.record(
      { sub: fc.oneof(fc.constant('alice'), claimValue), iat: claimValue, nbf: claimValue, exp: claimValue, extra: fc.jsonValue() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(claims, (payload) => {
        try {
          tokens.verify(forgeHs256(payload, SECRET));
        } catch (error) {
          expect(error instanceof InvalidTokenError || error instanceof TokenExpiredError, String(error)).to.equal(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  for (const exp of [-1e300, -8.64e12 - 1]) {
    it(`refuses a signed token whose exp (${exp}) lies before the earliest Date with TokenExpiredError or InvalidTokenError`, () => {
      let thrown: unknown;
      try {
        tokens.verify(forgeHs256({ sub: 'alice', iat: NOW, exp }, SECRET));
      } catch (error) {
        thrown = error;
      }
      expect(thrown instanceof TokenExpiredError || thrown instanceof InvalidTokenError, String(thrown)).to.equal(true);
    });
  }

  it('refuses a signed token whose crit header lists an extension it does not understand (RFC 7515 4.1.11), as jose does', async () => {
    const header = { alg: 'HS256', typ: 'JWT', crit: ['urn:example:must-check'], 'urn:example:must-check': true };
    const token = forgeHs256({ sub: 'alice', iat: NOW, exp: NOW + 60 }, SECRET, header);
    const jose = await import('jose');
    await jose.jwtVerify(token, new TextEncoder().encode(SECRET), { currentDate: new Date(T0) }).then(
      () => expect.fail('jose accepted it'),
      (error: { code?: string }) => expect(error.code).to.equal('ERR_JOSE_NOT_SUPPORTED'),
    );
    expect(() => tokens.verify(token)).to.throw(InvalidTokenError);
  });

  describe('over HTTP', () => {
    let app: Express;
    before(() => (app = buildApp([ProbeController], { session: { now: () => T0 } })));

    it('answers 401 (not 500) to a signed token whose exp lies before the earliest Date', async () => {
      const token = forgeHs256({ sub: 'alice', iat: NOW, exp: -1e300 }, SECRET);
      await request(app).get('/probe/user').set('Authorization', `Bearer ${token}`).expect(200, { username: null });
      await request(app).get('/probe/guarded').set('Authorization', `Bearer ${token}`).expect(401);
    });
  });

  describe('in the token cookie with jwt.renewWithin on', () => {
    let app: Express;
    before(() => (app = buildApp([ProbeController], { session: { now: () => T0, jwt: { renewWithin: 60 } } })));

    it('serves the user (200, not 500) of a genuine token too large for a renewed cookie, sent in the cookie near its expiry', async () => {
      // A token generateToken() may issue for Bearer use (verify takes up to 8192 characters), which
      // a client can just as well send as the token cookie: renewing it would need a 5.7 KB cookie.
      const token = forgeHs256({ sub: 'alice', iat: NOW - 500, exp: NOW + 30, profile: 'p'.repeat(4000) }, SECRET);
      const optional = await request(app).get('/probe/user').set('Cookie', `jwtTokenSession=${token}`);
      expect(optional.status).to.equal(200);
      expect(optional.body).to.deep.equal({ username: 'alice' });
      const guarded = await request(app).get('/probe/guarded').set('Cookie', `jwtTokenSession=${token}`);
      expect(guarded.status).to.equal(200);
    });
  });
});
