import { createHmac, createSecretKey, generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { InvalidTokenError, TokenExpiredError } from '../../src/errors/token-errors';
import type { TokenService } from '../../src/jwt/token-service';
import type { SessionManagerOptions } from '../../src/options/session-options';
import { OTHER_SECRET, SECRET } from '../support/secrets';
import { tokenService, verifyError } from '../support/token-service';

/** jose 6 ships as ES modules only; a dynamic import loads it from this CommonJS spec. */
const loadJose = () => import('jose');

/** RFC 7515 appendix A.1: an HS256 JWS, its JWK key, and its payload. */
const RFC7515_A1 = {
  header: 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9',
  payload: 'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ',
  signature: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
  exp: 1300819380,
};
const RFC_TOKEN = `${RFC7515_A1.header}.${RFC7515_A1.payload}.${RFC7515_A1.signature}`;
const RFC_KEY = Buffer.from(RFC7515_A1.k, 'base64url');

const T0 = Date.UTC(2026, 0, 1);
const NOW = T0 / 1000;

function service(options: SessionManagerOptions = {}, now = T0): TokenService {
  return tokenService(options, () => now);
}

describe('interoperability', () => {
  describe('RFC 7515 appendix A.1 (HS256)', () => {
    it('its signature is the HMAC-SHA256 of its signing input under its JWK key (node:crypto)', () => {
      const signature = createHmac('sha256', RFC_KEY).update(`${RFC7515_A1.header}.${RFC7515_A1.payload}`).digest('base64url');
      expect(signature).to.equal(RFC7515_A1.signature);
    });

    it('verifies with its key in jsonwebtoken, the verifier TokenService uses, one second before its exp', () => {
      const payload = jwt.verify(RFC_TOKEN, createSecretKey(RFC_KEY), { algorithms: ['HS256'], clockTimestamp: RFC7515_A1.exp - 1 });
      expect(payload).to.deep.equal({ iss: 'joe', exp: RFC7515_A1.exp, 'http://example.com/is_root': true });
    });

    it('verifies with its JWK in jose one second before its exp', async () => {
      const jose = await loadJose();
      const key = await jose.importJWK({ kty: 'oct', k: RFC7515_A1.k }, 'HS256');
      const { payload, protectedHeader } = await jose.jwtVerify(RFC_TOKEN, key, { currentDate: new Date((RFC7515_A1.exp - 1) * 1000) });
      expect(protectedHeader).to.deep.equal({ typ: 'JWT', alg: 'HS256' });
      expect(payload).to.deep.equal({ iss: 'joe', exp: RFC7515_A1.exp, 'http://example.com/is_root': true });
    });

    it('cannot be a TokenService secret: its key is binary, not text, and a text secret of ours does not verify it', () => {
      // Secrets are text, used as their UTF-8 bytes; these 64 bytes are not valid UTF-8.
      expect(Buffer.from(RFC_KEY.toString('utf8'), 'utf8').equals(RFC_KEY)).to.equal(false);
      const error = verifyError(service({}, (RFC7515_A1.exp - 1) * 1000), RFC_TOKEN);
      expect(error).to.be.instanceOf(InvalidTokenError);
      expect(error.message).to.contain('invalid signature');
    });

    it('its exact header and payload bytes (CRLF, typ before alg), signed with our secret, fail only for the missing sub, then for exp', () => {
      const input = `${RFC7515_A1.header}.${RFC7515_A1.payload}`;
      const token = `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
      const before = verifyError(service({}, (RFC7515_A1.exp - 1) * 1000), token);
      expect(before).to.be.instanceOf(InvalidTokenError);
      expect(before.message).to.equal('The token has no string "sub" claim');
      const after = verifyError(service({}, RFC7515_A1.exp * 1000), token);
      expect(after).to.be.instanceOf(TokenExpiredError);
      expect((after as TokenExpiredError).expiredAt.toISOString()).to.equal('2011-03-22T18:43:00.000Z');
    });

    it('its header and payload with a sub added, signed with our secret, verify in TokenService', () => {
      const payload = Buffer.from(
        Buffer.from(RFC7515_A1.payload, 'base64url').toString('utf8').replace('"iss":"joe",', '"iss":"joe",\r\n "sub":"joe",\r\n "iat":1300819000,'),
      ).toString('base64url');
      const input = `${RFC7515_A1.header}.${payload}`;
      const token = `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
      expect(service({}, (RFC7515_A1.exp - 1) * 1000).verify(token)).to.include({ sub: 'joe', iss: 'joe', exp: RFC7515_A1.exp });
    });
  });

  describe('jose', () => {
    const secretBytes = new TextEncoder().encode(SECRET);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

    it('HS256: a token signed by jose verifies in TokenService', async () => {
      const jose = await loadJose();
      const token = await new jose.SignJWT({ role: 'editor' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('alice')
        .setIssuedAt(NOW)
        .setExpirationTime(NOW + 600)
        .sign(secretBytes);
      expect(service().verify(token)).to.include({ sub: 'alice', role: 'editor', iat: NOW, exp: NOW + 600 });
    });

    it('HS256: a token signed by TokenService verifies in jose, kid and claims included', async () => {
      const jose = await loadJose();
      const token = service({ jwt: { issuer: 'https://login.example', audience: 'shop' } }).sign('alice', 600, { role: 'editor' });
      const { payload, protectedHeader } = await jose.jwtVerify(token, secretBytes, {
        algorithms: ['HS256'],
        issuer: 'https://login.example',
        audience: 'shop',
        currentDate: new Date(T0),
      });
      expect(protectedHeader).to.include({ alg: 'HS256', typ: 'JWT' });
      expect(protectedHeader.kid).to.be.a('string');
      expect(payload).to.include({ sub: 'alice', role: 'editor', iat: NOW, exp: NOW + 600, auth_time: NOW });
    });

    it('ES256: a token signed by jose verifies in TokenService holding only the public key', async () => {
      const jose = await loadJose();
      const token = await new jose.SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('alice')
        .setIssuedAt(NOW)
        .setExpirationTime(NOW + 600)
        .sign(ec.privateKey);
      expect(service({ jwt: { algorithm: 'ES256', publicKey: ec.publicKey } }).verify(token)).to.include({ sub: 'alice', exp: NOW + 600 });
    });

    it('ES256: a token signed by TokenService verifies in jose with the public key', async () => {
      const jose = await loadJose();
      const token = service({ jwt: { algorithm: 'ES256', privateKey: ec.privateKey } }).sign('alice', 600);
      const { payload } = await jose.jwtVerify(token, ec.publicKey, { algorithms: ['ES256'], currentDate: new Date(T0) });
      expect(payload).to.include({ sub: 'alice', iat: NOW, exp: NOW + 600 });
    });

    it('refuses an unsecured JWT (alg "none") made by jose', async () => {
      const jose = await loadJose();
      const token = new jose.UnsecuredJWT({}).setSubject('alice').setIssuedAt(NOW).setExpirationTime(NOW + 600).encode();
      expect(verifyError(service(), token)).to.be.instanceOf(InvalidTokenError);
    });

    it('refuses a jose HS256 token signed with another secret, and a jose ES256 token when HS256 is configured', async () => {
      const jose = await loadJose();
      const claims = () => new jose.SignJWT({}).setSubject('alice').setIssuedAt(NOW).setExpirationTime(NOW + 600);
      const foreign = await claims().setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(OTHER_SECRET));
      expect(verifyError(service(), foreign)).to.be.instanceOf(InvalidTokenError);
      const es = await claims().setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
      expect(verifyError(service(), es)).to.be.instanceOf(InvalidTokenError);
    });

    it('agrees with jose that an expired token of either side is expired', async () => {
      const jose = await loadJose();
      const ours = service().sign('alice', 60);
      const later = new Date(T0 + 60_000);
      await jose.jwtVerify(ours, secretBytes, { currentDate: later }).then(
        () => expect.fail('jose accepted an expired token'),
        (error: { code?: string }) => expect(error.code).to.equal('ERR_JWT_EXPIRED'),
      );
      const theirs = await new jose.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuedAt(NOW).setExpirationTime(NOW + 60).sign(secretBytes);
      expect(verifyError(service({}, T0 + 60_000), theirs)).to.be.instanceOf(TokenExpiredError);
    });
  });
});
