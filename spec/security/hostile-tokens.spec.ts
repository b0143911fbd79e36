import { createSecretKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Express } from 'express';
import jwt from 'jsonwebtoken';
import request, { type Test } from 'supertest';
import { MAX_TOKEN_LENGTH } from '../../src/jwt/token-service';
import { buildApp, configureManager } from '../support/app';
import { forgeHs256, forgeUnsigned } from '../support/forge';
import { OLD_SECRET, OTHER_SECRET, SECRET } from '../support/secrets';
import { serveOnLoopback, type LoopbackServer } from '../demo/support/loopback-server';
import { ProbeController } from './support/probe-app';
import { rawRequest } from './support/raw-http';

/** The clock every app here runs on: tokens expire when the spec moves it, never by sleeping. */
const T0 = Date.UTC(2026, 0, 1);
const NOW = T0 / 1000;
const clock = { now: T0 };

type Send = (call: Test) => Test;
const bearer = (token: string): Send => (call) => call.set('Authorization', `Bearer ${token}`);
const tokenCookie = (token: string): Send => (call) => call.set('Cookie', `jwtTokenSession=${token}`);

/** Valid claims for `alice`, each token unique (its own jti) so none is answered from the verified-token cache. */
function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { sub: 'alice', iat: NOW, exp: NOW + 600, jti: randomUUID(), ...extra };
}

/** A claim set without `name`. */
function without(name: string): Record<string, unknown> {
  const all = claims();
  delete all[name];
  return all;
}

/** Proves `send` gets no user: `@JwtUser()` injects undefined and `@RequireJwt()` answers 401 without running the action. */
async function expectRefused(app: Express, send: Send): Promise<void> {
  const runs = ProbeController.guardedRuns;
  const optional = await send(request(app).get('/probe/user')).expect(200);
  expect(optional.body).to.deep.equal({ username: null });
  const guarded = await send(request(app).get('/probe/guarded')).expect(401);
  expect(guarded.body).to.include({ name: 'JwtRequiredError', code: 'ERR_JWT_REQUIRED' });
  expect(guarded.headers['www-authenticate']).to.equal('Bearer');
  expect(ProbeController.guardedRuns, 'the guarded action ran').to.equal(runs);
}

/** Proves `token` is refused both in the Authorization header and in the token cookie. */
async function expectTokenRefused(app: Express, token: string): Promise<void> {
  await expectRefused(app, bearer(token));
  await expectRefused(app, tokenCookie(token));
}

/** Proves `send` is served as `username` by both routes. */
async function expectUser(app: Express, send: Send, username: string): Promise<void> {
  expect((await send(request(app).get('/probe/user')).expect(200)).body).to.deep.equal({ username });
  expect((await send(request(app).get('/probe/guarded')).expect(200)).body).to.deep.equal({ username });
}

/**
 * A genuine HS256 token of exactly `length` characters, padded with a claim. Base64url never makes a
 * segment of 4k+1 characters, so a header field of one to three characters shifts the sum when needed.
 */
function genuineTokenOfLength(length: number): string {
  for (let headerPad = 0; headerPad < 4; headerPad += 1) {
    const header = { alg: 'HS256', typ: 'JWT', ...(headerPad === 0 ? {} : { x: 'y'.repeat(headerPad) }) };
    // Each padding character adds 4/3 of a character to the payload segment.
    for (let pad = Math.max(0, Math.floor((length * 3) / 4) - 300); pad < length; pad += 1) {
      const token = forgeHs256(claims({ pad: 'p'.repeat(pad) }), SECRET, header);
      if (token.length === length) return token;
      if (token.length > length) break;
    }
  }
  throw new Error(`no token of ${length} characters`);
}

describe('hostile tokens over HTTP', () => {
  let app: Express;
  before(() => {
    clock.now = T0;
    app = buildApp([ProbeController], { session: { now: () => clock.now } });
  });
  afterEach(() => (clock.now = T0));

  it('serves a genuine token in the header and in the cookie (the control for every case below)', async () => {
    const token = forgeHs256(claims(), SECRET);
    await expectUser(app, bearer(token), 'alice');
    await expectUser(app, tokenCookie(token), 'alice');
  });

  describe('algorithm', () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      it(`refuses an unsigned token with alg "${alg}"`, async () => {
        await expectTokenRefused(app, forgeUnsigned(claims(), alg));
      });
    }

    it('refuses alg "none" even with a valid HMAC of its header and payload', async () => {
      await expectTokenRefused(app, forgeHs256(claims(), SECRET, { alg: 'none', typ: 'JWT' }));
    });

    it('refuses an HS512 token signed with the right secret: only the configured HS256 is accepted', async () => {
      await expectTokenRefused(app, jwt.sign(claims(), SECRET, { algorithm: 'HS512' }));
    });

    it('refuses a token whose header names no algorithm', async () => {
      await expectTokenRefused(app, forgeHs256(claims(), SECRET, { typ: 'JWT' }));
    });

    it('refuses a token signed with another secret', async () => {
      await expectTokenRefused(app, forgeHs256(claims(), OTHER_SECRET));
    });
  });

  describe('time claims', () => {
    it('refuses an expired token', async () => {
      await expectTokenRefused(app, forgeHs256(claims({ iat: NOW - 600, exp: NOW - 1 }), SECRET));
    });

    it('refuses a token whose nbf is in the future', async () => {
      await expectTokenRefused(app, forgeHs256(claims({ nbf: NOW + 60 }), SECRET));
    });

    it('without clock tolerance: serves a token 1 ms before its exp and refuses it at exp exactly', async () => {
      const token = forgeHs256(claims({ exp: NOW + 10 }), SECRET);
      clock.now = (NOW + 10) * 1000 - 1;
      await expectUser(app, bearer(token), 'alice');
      clock.now = (NOW + 10) * 1000;
      await expectRefused(app, bearer(token));
    });

    for (const claim of ['exp', 'iat']) {
      it(`refuses a token without ${claim}`, async () => {
        await expectTokenRefused(app, forgeHs256(without(claim), SECRET));
      });
    }

    const wrongTypes: [string, (n: number) => unknown][] = [
      ['a numeric string', (n) => String(n)],
      ['a boolean', () => true],
      ['null', () => null],
      ['an object', (n) => ({ value: n })],
      ['an array', (n) => [n]],
    ];
    for (const claim of ['exp', 'iat', 'nbf']) {
      for (const [type, make] of wrongTypes) {
        it(`refuses a token whose ${claim} is ${type}`, async () => {
          const value = make(claim === 'exp' ? NOW + 600 : NOW - 10);
          await expectTokenRefused(app, forgeHs256(claims({ [claim]: value }), SECRET));
        });
      }
    }
  });

  describe('subject', () => {
    it('refuses a token without sub', async () => {
      await expectTokenRefused(app, forgeHs256(without('sub'), SECRET));
    });

    for (const [type, value] of [
      ['a number', 42],
      ['null', null],
      ['a boolean', true],
      ['an array', ['alice']],
      ['an object', { name: 'alice' }],
      ['an empty string', ''],
    ] as const) {
      it(`refuses a token whose sub is ${type}`, async () => {
        await expectTokenRefused(app, forgeHs256(claims({ sub: value }), SECRET));
      });
    }
  });

  describe('shape', () => {
    const genuine = forgeHs256(claims({ jti: 'shape' }), SECRET);
    const [header, payload, signature] = genuine.split('.');

    for (const [what, token] of [
      ['the last character cut off', genuine.slice(0, -1)],
      ['the signature cut off after its dot', `${header}.${payload}.`],
      ['only header and payload', `${header}.${payload}`],
      ['only the header', header],
      ['the first half', genuine.slice(0, genuine.length / 2)],
      ['a trailing dot', `${genuine}.`],
      ['a fourth segment', `${genuine}.${signature}`],
      ['a leading segment', `${header}.${genuine}`],
      ['a "+" in the signature', `${header}.${payload}.+${signature.slice(1)}`],
      ['a "/" in the signature', `${header}.${payload}.${signature.slice(0, -1)}/`],
      ['"=" padding on the payload', `${header}.${payload}==.${signature}`],
      ['a "!" in the header', `!${genuine.slice(1)}`],
      ['an encoded dot (%2E)', genuine.replace('.', '%2E')],
      ['the payload in standard base64', `${header}.${Buffer.from(JSON.stringify(claims())).toString('base64')}.${signature}`],
      ['segments swapped', `${payload}.${header}.${signature}`],
    ]) {
      it(`refuses a token with ${what}`, async () => {
        await expectTokenRefused(app, token);
      });
    }

    it('refuses a token holding a byte outside ASCII (sent raw, as no HTTP client library would)', async () => {
      const server = await serveOnLoopback(app);
      try {
        for (const path of ['/probe/user', '/probe/guarded']) {
          const answer = await rawRequest(server.url, path, [['Authorization', `Bearer ${genuine.slice(0, -1)}\u00e9`]]);
          expect(answer.status, path).to.equal(path === '/probe/user' ? 200 : 401);
          if (path === '/probe/user') expect(JSON.parse(answer.body)).to.deep.equal({ username: null });
        }
      } finally {
        await server.close();
      }
    });
  });

  describe('size', () => {
    it(`serves a genuine token of exactly ${MAX_TOKEN_LENGTH} characters, our cap`, async () => {
      const token = genuineTokenOfLength(MAX_TOKEN_LENGTH);
      expect(token).to.have.length(MAX_TOKEN_LENGTH);
      await expectUser(app, bearer(token), 'alice');
      await expectUser(app, tokenCookie(token), 'alice');
    });

    it(`refuses a genuine token of ${MAX_TOKEN_LENGTH + 1} characters, one over our cap`, async () => {
      const token = genuineTokenOfLength(MAX_TOKEN_LENGTH + 1);
      await expectTokenRefused(app, token);
    });

    it("refuses a genuine 15,000-character token, just under Node's 16 KB header limit, with 401 and no 500", async () => {
      const token = genuineTokenOfLength(15_000);
      await expectTokenRefused(app, token);
    });

    it('answers a 2 MB token with 431 from Node itself: no action runs, and the server goes on serving', async () => {
      const server = await serveOnLoopback(app);
      try {
        const runs = ProbeController.guardedRuns;
        const huge = `Bearer ${'A'.repeat(2 * 1024 * 1024)}`;
        const inHeader = await rawRequest(server.url, '/probe/guarded', [['Authorization', huge]]);
        expect(inHeader.status).to.equal(431);
        expect(inHeader.head).to.contain('Request Header Fields Too Large');
        const inCookie = await rawRequest(server.url, '/probe/guarded', [['Cookie', `jwtTokenSession=${huge.slice(7)}`]]);
        expect(inCookie.status).to.equal(431);
        expect(ProbeController.guardedRuns).to.equal(runs);
        await request(server.url).get('/probe/user').expect(200, { username: null });
      } finally {
        await server.close();
      }
    });
  });

  describe('Authorization header and token cookie', () => {
    const good = () => forgeHs256(claims(), SECRET);
    const bad = () => forgeHs256(claims({ sub: 'mallory' }), OTHER_SECRET);

    it('serves the Bearer scheme in any casing, as RFC 7235 schemes are case-insensitive', async () => {
      for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
        await expectUser(app, (call) => call.set('Authorization', `${scheme} ${good()}`), 'alice');
      }
    });

    it('serves a token with extra spaces or a tab around it', async () => {
      for (const header of [`Bearer    ${good()}`, `Bearer ${good()}   `, `Bearer\t${good()}`, `   Bearer ${good()}`]) {
        await expectUser(app, (call) => call.set('Authorization', header), 'alice');
      }
    });

    it('refuses "Bearer" with two tokens, without falling back to a good token cookie', async () => {
      await expectRefused(app, (call) => call.set('Authorization', `Bearer ${good()} ${good()}`).set('Cookie', `jwtTokenSession=${good()}`));
    });

    it('refuses a Bearer header without a token, without falling back to a good token cookie', async () => {
      await expectRefused(app, (call) => call.set('Authorization', 'Bearer ').set('Cookie', `jwtTokenSession=${good()}`));
    });

    it('refuses a bad Bearer token even when the token cookie is good', async () => {
      await expectRefused(app, (call) => call.set('Authorization', `Bearer ${bad()}`).set('Cookie', `jwtTokenSession=${good()}`));
    });

    it('refuses a bad bare token in the header even when the token cookie is good', async () => {
      await expectRefused(app, (call) => call.set('Authorization', bad()).set('Cookie', `jwtTokenSession=${good()}`));
    });

    it('serves the header token and ignores a bad token cookie', async () => {
      await expectUser(app, (call) => call.set('Authorization', `Bearer ${good()}`).set('Cookie', `jwtTokenSession=${bad()}`), 'alice');
    });

    it('serves the header user, not the cookie user, when both are genuine', async () => {
      const bob = forgeHs256(claims({ sub: 'bob' }), SECRET);
      await expectUser(app, (call) => call.set('Authorization', `Bearer ${good()}`).set('Cookie', `jwtTokenSession=${bob}`), 'alice');
    });

    it('leaves the token cookie in use under another scheme (Basic), so a bad cookie is still refused', async () => {
      await expectRefused(app, (call) => call.set('Authorization', 'Basic YWxpY2U6cGFzcw==').set('Cookie', `jwtTokenSession=${bad()}`));
      await expectUser(app, (call) => call.set('Authorization', 'Basic YWxpY2U6cGFzcw==').set('Cookie', `jwtTokenSession=${good()}`), 'alice');
    });

    it('reads the first of two token cookies: a bad first one is refused even when the second is good', async () => {
      await expectRefused(app, (call) => call.set('Cookie', `jwtTokenSession=${bad()}; jwtTokenSession=${good()}`));
    });

    describe('sent twice (raw requests: Node keeps the first Authorization header and drops the rest)', () => {
      let server: LoopbackServer;
      before(async () => (server = await serveOnLoopback(app)));
      after(() => server.close());

      async function twice(first: string, second: string) {
        const headers = [['Authorization', first], ['Authorization', second]] as const;
        const optional = await rawRequest(server.url, '/probe/user', headers);
        const guarded = await rawRequest(server.url, '/probe/guarded', headers);
        return { optional: optional.status === 200 ? JSON.parse(optional.body) : optional.status, guarded: guarded.status };
      }

      it('refuses a bad first header even when the second one is good', async () => {
        expect(await twice(`Bearer ${bad()}`, `Bearer ${good()}`)).to.deep.equal({ optional: { username: null }, guarded: 401 });
      });

      it('serves a good first header and ignores a bad second one', async () => {
        expect(await twice(`Bearer ${good()}`, `Bearer ${bad()}`)).to.deep.equal({ optional: { username: 'alice' }, guarded: 200 });
      });
    });
  });

  describe('verified-token cache', () => {
    it('refuses a re-encoding of a cached token whose signature decodes to the same bytes', async () => {
      const token = forgeHs256(claims(), SECRET);
      await expectUser(app, bearer(token), 'alice');
      // 32 signature bytes take 43 characters; the last one's two low bits carry nothing.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(token.slice(-1));
      const twin = `${token.slice(0, -1)}${alphabet[last ^ 1]}`;
      expect(Buffer.from(twin.split('.')[2], 'base64url').equals(Buffer.from(token.split('.')[2], 'base64url'))).to.equal(true);
      await expectTokenRefused(app, twin);
    });
  });
});

describe('clock tolerance at its bounds over HTTP', () => {
  const TOLERANCE = 30;
  let app: Express;
  before(() => {
    clock.now = T0;
    app = buildApp([ProbeController], { session: { now: () => clock.now, jwt: { clockTolerance: TOLERANCE } } });
  });
  afterEach(() => (clock.now = T0));

  it(`serves a fresh token until exp + ${TOLERANCE - 1} s and refuses one at exp + ${TOLERANCE} s`, async () => {
    const exp = NOW + 10;
    clock.now = (exp + TOLERANCE - 1) * 1000;
    await expectUser(app, bearer(forgeHs256(claims({ exp }), SECRET)), 'alice');
    clock.now = (exp + TOLERANCE) * 1000;
    await expectTokenRefused(app, forgeHs256(claims({ exp }), SECRET));
  });

  it(`refuses a token verified and cached earlier from exp + ${TOLERANCE} s on`, async () => {
    const exp = NOW + 10;
    const token = forgeHs256(claims({ exp }), SECRET);
    clock.now = (exp + TOLERANCE - 1) * 1000;
    await expectUser(app, bearer(token), 'alice');
    clock.now = (exp + TOLERANCE) * 1000;
    await expectRefused(app, bearer(token));
  });

  it(`serves nbf = now + ${TOLERANCE} s and refuses nbf = now + ${TOLERANCE + 1} s`, async () => {
    await expectUser(app, bearer(forgeHs256(claims({ nbf: NOW + TOLERANCE }), SECRET)), 'alice');
    await expectTokenRefused(app, forgeHs256(claims({ nbf: NOW + TOLERANCE + 1 }), SECRET));
  });
});

describe('issuer and audience over HTTP, when configured', () => {
  const ISSUER = 'https://login.example';
  const AUDIENCE = 'shop';
  let app: Express;
  before(() => {
    clock.now = T0;
    app = buildApp([ProbeController], { session: { now: () => clock.now, jwt: { issuer: ISSUER, audience: AUDIENCE } } });
  });

  it('serves a token with the configured issuer and audience (the control)', async () => {
    await expectUser(app, bearer(forgeHs256(claims({ iss: ISSUER, aud: AUDIENCE }), SECRET)), 'alice');
  });

  for (const [what, extra] of [
    ['from another issuer', { iss: 'https://evil.example', aud: AUDIENCE }],
    ['without iss', { aud: AUDIENCE }],
    ['whose iss is a list holding the issuer', { iss: [ISSUER], aud: AUDIENCE }],
    ['for another audience', { iss: ISSUER, aud: 'bank' }],
    ['without aud', { iss: ISSUER }],
    ['whose aud list does not name this app', { iss: ISSUER, aud: ['bank', 'mail'] }],
    ['whose aud differs only in case', { iss: ISSUER, aud: 'SHOP' }],
  ] as const) {
    it(`refuses a token ${what}`, async () => {
      await expectTokenRefused(app, forgeHs256(claims(extra), SECRET));
    });
  }
});

describe('HS/RS algorithm confusion over HTTP', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let app: Express;
  before(() => {
    clock.now = T0;
    app = buildApp([ProbeController], { session: { now: () => clock.now, jwt: { algorithm: 'RS256', privateKey } } });
  });

  it('serves its own RS256 token (the control)', async () => {
    await expectUser(app, bearer(jwt.sign(claims(), privateKey, { algorithm: 'RS256' })), 'alice');
  });

  for (const [what, key] of [
    ['PEM', publicKey.export({ type: 'spki', format: 'pem' })],
    ['PEM without its final newline', String(publicKey.export({ type: 'spki', format: 'pem' })).trimEnd()],
    ['DER', publicKey.export({ type: 'spki', format: 'der' })],
  ] as const) {
    it(`refuses an HS256 token signed with the RSA public key (${what}) as the HMAC secret`, async () => {
      const forged = jwt.sign(claims(), createSecretKey(Buffer.from(key)), { algorithm: 'HS256' });
      await expectTokenRefused(app, forged);
    });
  }
});

describe('token secret rotation over HTTP', () => {
  let app: Express;
  before(() => (app = buildApp([ProbeController], { session: { secret: OLD_SECRET } })));
  after(() => configureManager());

  it('serves a token of a retired secret while it is listed, and refuses it once the secret is removed', async () => {
    const { token } = (await request(app).get('/probe/login/alice').expect(200)).body as { token: string };
    configureManager({ secret: [SECRET, OLD_SECRET] });
    await expectUser(app, bearer(token), 'alice');
    configureManager({ secret: SECRET });
    await expectTokenRefused(app, token);
  });
});
