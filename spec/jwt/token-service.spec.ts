import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { ConfigError } from '../../src/errors/config-error';
import { InvalidTokenError, TokenExpiredError } from '../../src/errors/token-errors';
import { MAX_TOKEN_LENGTH, type TokenService } from '../../src/jwt/token-service';
import type { SessionManagerOptions } from '../../src/options/session-options';
import { forgeHs256, forgeUnsigned } from '../support/forge';
import { tokenService, verifyError } from '../support/token-service';
import { OLD_SECRET, OTHER_SECRET, SECRET } from '../support/secrets';

const T0 = 1_700_000_000_000;

/** A token service on a clock the test moves. */
function service(options: SessionManagerOptions = {}, clock = { now: T0 }): TokenService {
  return tokenService(options, () => clock.now);
}

describe('TokenService', () => {
  describe('sign', () => {
    it('issues an HS256 token with sub, iat, exp and jti', () => {
      const token = service().sign('admin');
      const decoded = jwt.decode(token, { complete: true });
      expect(decoded?.header.alg).to.equal('HS256');
      expect(decoded?.header.typ).to.equal('JWT');
      const payload = decoded?.payload as jwt.JwtPayload;
      expect(payload.sub).to.equal('admin');
      expect(payload.iat).to.equal(T0 / 1000);
      expect(payload.exp).to.equal(T0 / 1000 + 3600);
      expect(payload.jti).to.match(/^[0-9a-f-]{36}$/);
    });

    it('signs HS tokens with the secret itself, so other services can verify them', () => {
      const token = service().sign('admin');
      const payload = jwt.verify(token, SECRET, { algorithms: ['HS256'], clockTimestamp: T0 / 1000 }) as jwt.JwtPayload;
      expect(payload.sub).to.equal('admin');
    });

    it('adds custom claims, issuer and audience, and a custom lifetime', () => {
      const token = service({ jwt: { issuer: 'me', audience: 'you' } }).sign('admin', 60, { role: 'editor' });
      const payload = jwt.decode(token) as jwt.JwtPayload;
      expect(payload).to.include({ role: 'editor', iss: 'me', aud: 'you', exp: T0 / 1000 + 60 });
    });

    it('refuses an empty username, a bad lifetime and a reserved claim', () => {
      const tokens = service();
      expect(() => tokens.sign('')).to.throw(ConfigError, 'username');
      expect(() => tokens.sign('a', 0)).to.throw(ConfigError, 'expiresIn');
      expect(() => tokens.sign('a', undefined, { sub: 'root' })).to.throw(ConfigError, 'claims.sub');
    });
  });

  describe('verify', () => {
    it('returns the claims of a valid token', () => {
      const tokens = service();
      expect(tokens.verify(tokens.sign('admin')).sub).to.equal('admin');
    });

    it('rejects an expired token with TokenExpiredError, allowing the clock tolerance', () => {
      const clock = { now: T0 };
      const tokens = service({ jwt: { clockTolerance: 5 } }, clock);
      const token = tokens.sign('admin', 10);
      clock.now = T0 + 14_000;
      expect(tokens.verify(token).sub).to.equal('admin');
      clock.now = T0 + 15_000;
      const error = verifyError(tokens, token);
      expect(error).to.be.instanceOf(TokenExpiredError);
      expect((error as TokenExpiredError).expiredAt.getTime()).to.equal(T0 + 10_000);
    });

    it('still rejects a token that expired after it was verified and cached', () => {
      const clock = { now: T0 };
      const tokens = service({}, clock);
      const token = tokens.sign('admin', 10);
      expect(tokens.verify(token).sub).to.equal('admin');
      expect(tokens.verify(token).sub, 'served from the cache').to.equal('admin');
      clock.now = T0 + 10_000;
      expect(verifyError(tokens, token)).to.be.instanceOf(TokenExpiredError);
    });

    it('rejects a token signed with another secret', () => {
      const token = service({ secret: OTHER_SECRET }).sign('admin');
      expect(verifyError(service(), token)).to.be.instanceOf(InvalidTokenError);
    });

    it('accepts tokens of a retired secret while it is listed', () => {
      const old = service({ secret: OLD_SECRET }).sign('admin');
      expect(service({ secret: [SECRET, OLD_SECRET] }).verify(old).sub).to.equal('admin');
      expect(verifyError(service({ secret: SECRET }), old)).to.be.instanceOf(InvalidTokenError);
    });

    it('accepts a token without kid from another service holding a listed secret', () => {
      const foreign = jwt.sign({ sub: 'svc', iat: T0 / 1000, exp: T0 / 1000 + 60 }, OLD_SECRET, { algorithm: 'HS256' });
      expect(service({ secret: [SECRET, OLD_SECRET] }).verify(foreign).sub).to.equal('svc');
    });

    it('never accepts alg none, whatever its casing', () => {
      const payload = { sub: 'admin', iat: T0 / 1000, exp: T0 / 1000 + 60 };
      for (const alg of ['none', 'None', 'NONE']) {
        expect(verifyError(service(), forgeUnsigned(payload, alg)), alg).to.be.instanceOf(InvalidTokenError);
      }
    });

    it('pins the algorithm: an HS512 token is refused when HS256 is configured', () => {
      const token = jwt.sign({ sub: 'admin', iat: T0 / 1000, exp: T0 / 1000 + 60 }, SECRET, { algorithm: 'HS512' });
      expect(verifyError(service(), token)).to.be.instanceOf(InvalidTokenError);
    });

    it('refuses an HS256 token made with the RSA public key as secret (algorithm confusion)', () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = publicKey.export({ type: 'spki', format: 'pem' });
      const forged = jwt.sign({ sub: 'admin', iat: T0 / 1000, exp: T0 / 1000 + 60 }, createSecretKey(Buffer.from(pem)), { algorithm: 'HS256' });
      expect(verifyError(service({ jwt: { algorithm: 'RS256', privateKey } }), forged)).to.be.instanceOf(InvalidTokenError);
    });

    it('signs and verifies RS256 and ES256 with key pairs', () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const rs = service({ jwt: { algorithm: 'RS256', privateKey: rsa.privateKey } });
      expect(rs.verify(rs.sign('admin')).sub).to.equal('admin');
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const es = service({ jwt: { algorithm: 'ES256', privateKey: ec.privateKey } });
      expect(es.verify(es.sign('admin')).sub).to.equal('admin');
      const verifyOnly = service({ jwt: { algorithm: 'ES256', publicKey: ec.publicKey } });
      expect(verifyOnly.verify(es.sign('admin')).sub).to.equal('admin');
      expect(() => verifyOnly.sign('admin')).to.throw(ConfigError, 'jwt.privateKey');
    });

    it('checks issuer and audience when configured', () => {
      const strict = service({ jwt: { issuer: 'me', audience: 'you' } });
      expect(strict.verify(strict.sign('admin')).sub).to.equal('admin');
      expect(verifyError(strict, service({ jwt: { issuer: 'other', audience: 'you' } }).sign('admin'))).to.be.instanceOf(InvalidTokenError);
      expect(verifyError(strict, service({ jwt: { issuer: 'me', audience: 'them' } }).sign('admin'))).to.be.instanceOf(InvalidTokenError);
    });

    it('rejects a token that is not yet valid', () => {
      const token = jwt.sign({ sub: 'admin', iat: T0 / 1000, nbf: T0 / 1000 + 60, exp: T0 / 1000 + 120 }, SECRET);
      expect(verifyError(service(), token)).to.be.instanceOf(InvalidTokenError);
    });

    it('rejects missing or ill-typed sub, exp and iat', () => {
      const now = T0 / 1000;
      const cases: Record<string, object> = {
        'no sub': { iat: now, exp: now + 60 },
        'numeric sub': { sub: 42, iat: now, exp: now + 60 },
        'empty sub': { sub: '', iat: now, exp: now + 60 },
        'no exp': { sub: 'a', iat: now },
        'string exp': { sub: 'a', iat: now, exp: String(now + 60) },
        'no iat': { sub: 'a', exp: now + 60 },
        'string iat': { sub: 'a', iat: String(now), exp: now + 60 },
      };
      for (const [name, payload] of Object.entries(cases)) {
        expect(verifyError(service(), forgeHs256(payload, SECRET)), name).to.be.instanceOf(InvalidTokenError);
      }
    });

    it('rejects malformed tokens and refuses an oversized one before any crypto work', () => {
      const good = service().sign('admin');
      for (const bad of ['', 'abc', good.slice(0, -2), `${good}.extra`, good.replace('.', '.!'), `x${'.'.repeat(3)}`]) {
        expect(verifyError(service(), bad), bad).to.be.instanceOf(InvalidTokenError);
      }
      const huge = verifyError(service(), 'a'.repeat(MAX_TOKEN_LENGTH + 1));
      expect(huge).to.be.instanceOf(InvalidTokenError);
      expect(huge.message).to.contain(String(MAX_TOKEN_LENGTH));
    });
  });

  describe('renewal', () => {
    function renewing(options: SessionManagerOptions['jwt'], clock: { now: number }) {
      return service({ jwt: { renewWithin: 30, ...options } }, clock);
    }

    it('is off unless jwt.renewWithin is set', () => {
      const clock = { now: T0 };
      const tokens = service({}, clock);
      const claims = tokens.verify(tokens.sign('admin', 60));
      clock.now = T0 + 59_000;
      expect(tokens.renewal(claims)).to.equal(undefined);
    });

    it('is not due while the token has more than renewWithin seconds left', () => {
      const clock = { now: T0 };
      const tokens = renewing({}, clock);
      const claims = tokens.verify(tokens.sign('admin', 60));
      clock.now = T0 + 29_000;
      expect(tokens.renewal(claims)).to.equal(undefined);
    });

    it('issues a new token with the same sub, custom claims, auth_time and lifetime', () => {
      const clock = { now: T0 };
      const tokens = renewing({}, clock);
      const original = tokens.verify(tokens.sign('admin', 60, { role: 'editor' }));
      clock.now = T0 + 40_000;
      const renewed = tokens.renewal(original);
      expect(renewed?.lifetime).to.equal(60);
      const claims = tokens.verify(renewed?.token ?? '');
      expect(claims).to.include({ sub: 'admin', role: 'editor', auth_time: T0 / 1000, iat: T0 / 1000 + 40, exp: T0 / 1000 + 100 });
      expect(claims.jti).not.to.equal(original.jti);
    });

    it('never extends a token past jwt.maxLifetime from the login', () => {
      const clock = { now: T0 };
      const tokens = renewing({ maxLifetime: 90 }, clock);
      const first = tokens.verify(tokens.sign('admin', 60));
      clock.now = T0 + 40_000;
      const renewed = tokens.renewal(first);
      expect(renewed?.lifetime).to.equal(50);
      const second = tokens.verify(renewed?.token ?? '');
      expect(second.exp).to.equal(T0 / 1000 + 90);
      clock.now = T0 + 80_000;
      expect(tokens.renewal(second), 'already at the limit').to.equal(undefined);
    });
  });
});
