import { expect } from 'chai';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { CookieSealer, MAX_SEALED_LENGTH } from '../../src/crypto/cookie-sealer';
import { KeyRing } from '../../src/crypto/key-ring';
import { buildApp, configureManager } from '../support/app';
import { cookieHeader, setCookie } from '../support/cookies';
import { OLD_SECRET, OTHER_SECRET, SECRET } from '../support/secrets';
import { serveOnLoopback } from '../demo/support/loopback-server';
import { EMPTY_SESSION, ProbeController, type SessionView } from './support/probe-app';
import { rawRequest } from './support/raw-http';

const T0 = Date.UTC(2026, 0, 1);
const MAX_AGE = 3600;
const clock = { now: T0 };

/** What `/probe/write` stores, as `/probe/session` shows it. */
const WRITTEN: SessionView = { entries: { cart: ['apple', 'pear'] }, flashes: ['hello'], username: null };

/** Layout of a sealed value: version (1) | key id (4) | nonce (12) | ciphertext | tag (16). */
const REGIONS: readonly [string, (length: number) => number][] = [
  ['version byte', () => 0],
  ['key id', () => 3],
  ['nonce', () => 10],
  ['ciphertext', () => 20],
  ['last ciphertext byte', (length) => length - 17],
  ['tag', (length) => length - 8],
  ['last tag byte', (length) => length - 1],
];

function flipBit(value: string, byteIndex: number, bit = 0): string {
  const bytes = Buffer.from(value, 'base64url');
  bytes[byteIndex] ^= 1 << bit;
  return bytes.toString('base64url');
}

/** The `name=value` pairs of the cookies a response set, by name. */
function pairs(response: Response): Map<string, string> {
  return new Map(cookieHeader(response).split('; ').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

describe('hostile cookies over HTTP', () => {
  let app: Express;
  /** Genuine cookie values from `/probe/write`: `jwtSession` and `jwtFlash`. */
  let genuine: Map<string, string>;

  before(async () => {
    clock.now = T0;
    app = buildApp([ProbeController], { session: { now: () => clock.now, cookie: { maxAge: MAX_AGE } } });
    genuine = pairs(await request(app).get('/probe/write').expect(200));
  });
  afterEach(() => (clock.now = T0));
  after(() => configureManager());

  /** `/probe/session` with `cookie` as the whole Cookie header: served with 200, and what it saw. */
  async function read(cookie: string): Promise<SessionView> {
    const answer = await request(app).get('/probe/session').set('Cookie', cookie).expect(200);
    return answer.body as SessionView;
  }

  /** A Cookie header with both genuine cookies, `name` replaced by `value`. */
  function withCookie(name: string, value: string): string {
    const jar = new Map(genuine).set(name, value);
    return [...jar].map(([key, item]) => `${key}=${item}`).join('; ');
  }

  /** What `/probe/session` sees when only `name` is replaced by `value`: the other cookie's part stays. */
  function expectedWithout(name: string): SessionView {
    return name === 'jwtSession' ? { ...WRITTEN, entries: {} } : { ...WRITTEN, flashes: [] };
  }

  it('reads the genuine cookies (the control for every case below)', async () => {
    expect(await read(withCookie('jwtSession', genuine.get('jwtSession') ?? ''))).to.deep.equal(WRITTEN);
  });

  for (const name of ['jwtSession', 'jwtFlash']) {
    describe(`${name} cookie`, () => {
      for (const [region, index] of REGIONS) {
        it(`reads a flipped bit in the ${region} as no ${name === 'jwtSession' ? 'session' : 'flashes'}`, async () => {
          const value = genuine.get(name) ?? '';
          const tampered = flipBit(value, index(Buffer.from(value, 'base64url').length), 7);
          expect(await read(withCookie(name, tampered))).to.deep.equal(expectedWithout(name));
        });
      }

      for (const [what, mutate] of [
        ['cut by one character', (value: string) => value.slice(0, -1)],
        ['cut before its tag', (value: string) => value.slice(0, -22)],
        ['cut to its header', (value: string) => value.slice(0, 7)],
        ['empty', () => ''],
        ['not base64 at all', () => '%%%not-base64%%%'],
        ['re-encoded as standard base64 with padding', (value: string) => Buffer.from(value, 'base64url').toString('base64')],
        ['percent-encoded', (value: string) => value.replace(/-/g, '%2D').replace(/_/g, '%5F') + '%3D'],
        ['doubled', (value: string) => value + value],
        ['over 4096 characters', (value: string) => value.padEnd(MAX_SEALED_LENGTH + 1, 'A')],
      ] as const) {
        it(`reads a value ${what} as no ${name === 'jwtSession' ? 'session' : 'flashes'}`, async () => {
          expect(await read(withCookie(name, mutate(genuine.get(name) ?? '')))).to.deep.equal(expectedWithout(name));
        });
      }
    });
  }

  it('reads the session value copied into the flash cookie, and the flash value into the session cookie, as nothing', async () => {
    const session = genuine.get('jwtSession') ?? '';
    const flash = genuine.get('jwtFlash') ?? '';
    expect(await read(`jwtSession=${flash}; jwtFlash=${session}`)).to.deep.equal(EMPTY_SESSION);
  });

  it('reads a genuine value under a cookie name of another app as nothing', async () => {
    expect(await read(`otherSession=${genuine.get('jwtSession')}; jwtSession=${genuine.get('jwtFlash')}`)).to.deep.equal(EMPTY_SESSION);
  });

  it('refuses a sealed session value sent as the token cookie', async () => {
    await request(app).get('/probe/user').set('Cookie', `jwtTokenSession=${genuine.get('jwtSession')}`).expect(200, { username: null });
    await request(app).get('/probe/guarded').set('Cookie', `jwtTokenSession=${genuine.get('jwtSession')}`).expect(401);
  });

  it('reads a value quoted as RFC 6265 allows like the bare value', async () => {
    expect(await read(`jwtSession="${genuine.get('jwtSession')}"; jwtFlash=${genuine.get('jwtFlash')}`)).to.deep.equal(WRITTEN);
  });

  it('reads cookies sealed with another secret as nothing', async () => {
    configureManager({ secret: OTHER_SECRET, now: () => clock.now });
    const foreign = cookieHeader(await request(app).get('/probe/write').expect(200));
    configureManager({ secret: SECRET, now: () => clock.now });
    expect(await read(foreign)).to.deep.equal(EMPTY_SESSION);
  });

  it('reads cookies of a retired secret while it is listed, and as nothing once it is removed', async () => {
    configureManager({ secret: OLD_SECRET, now: () => clock.now });
    const old = cookieHeader(await request(app).get('/probe/write').expect(200));
    configureManager({ secret: [SECRET, OLD_SECRET], now: () => clock.now });
    expect(await read(old)).to.deep.equal(WRITTEN);
    configureManager({ secret: SECRET, now: () => clock.now });
    expect(await read(old)).to.deep.equal(EMPTY_SESSION);
  });

  it('reads a seal from its own expiry on as nothing, though a client may still send it', async () => {
    clock.now = T0 + MAX_AGE * 1000 - 1;
    expect(await read(withCookie('jwtSession', genuine.get('jwtSession') ?? ''))).to.deep.equal(WRITTEN);
    clock.now = T0 + MAX_AGE * 1000;
    expect(await read(withCookie('jwtSession', genuine.get('jwtSession') ?? ''))).to.deep.equal(EMPTY_SESSION);
  });

  it('still opens an old copy of the session cookie after a logout, until its own expiry: the stateless cookie store\'s known limit', async () => {
    const copy = withCookie('jwtSession', genuine.get('jwtSession') ?? '');
    const logout = await request(app).get('/probe/logout').set('Cookie', copy).expect(200);
    expect(setCookie(logout, 'jwtSession')?.attributes.get('max-age')).to.equal('0');
    // The browser deletes it; a copy kept by an attacker is still genuine (SECURITY.md says so).
    expect(await read(copy)).to.deep.equal(WRITTEN);
    clock.now = T0 + MAX_AGE * 1000;
    expect(await read(copy)).to.deep.equal(EMPTY_SESSION);
  });

  describe('genuine seals of content the library never writes', () => {
    const sealer = new CookieSealer(new KeyRing([SECRET], 'cookie'));
    const seal = (name: string, text: string) => sealer.seal(name, text, T0 + 60_000);

    for (const [what, name, text] of [
      ['session text that is not JSON', 'jwtSession', '{"d":'],
      ['a session that is a JSON array', 'jwtSession', '[]'],
      ['session data that is an array', 'jwtSession', '{"d":[1,2]}'],
      ['session data that is null', 'jwtSession', '{"d":null}'],
      ['a CSRF token that is not a string', 'jwtSession', '{"d":{"a":1},"c":5}'],
      ['flashes that are an object', 'jwtFlash', '{"0":["hi"]}'],
      ['a flash whose category is not a string', 'jwtFlash', '[["hi",5]]'],
      ['a flash entry of three items', 'jwtFlash', '[["hi","info","extra"]]'],
      ['an empty flash entry', 'jwtFlash', '[[]]'],
    ] as const) {
      it(`reads ${what} as nothing`, async () => {
        expect(await read(`${name}=${seal(name, text)}`)).to.deep.equal(EMPTY_SESSION);
      });
    }
  });

  describe('size and number', () => {
    it('reads a 15 KB Cookie header, just under Node\'s 16 KB limit, keeping the genuine cookies among the junk', async () => {
      const junk = Array.from({ length: 30 }, (_, n) => `junk${n}=${'j'.repeat(495)}`);
      const header = [...junk.slice(0, 15), withCookie('jwtSession', genuine.get('jwtSession') ?? ''), ...junk.slice(15)].join('; ');
      expect(header.length).to.be.within(15_000, 16_000);
      expect(await read(header)).to.deep.equal(WRITTEN);
    });

    it('answers a 64 KB Cookie header with 431 from Node itself, and goes on serving', async () => {
      const server = await serveOnLoopback(app);
      try {
        const answer = await rawRequest(server.url, '/probe/session', [['Cookie', `jwtSession=${'A'.repeat(64 * 1024)}`]]);
        expect(answer.status).to.equal(431);
        await request(server.url).get('/probe/session').expect(200, EMPTY_SESSION);
      } finally {
        await server.close();
      }
    });

    it('reads the genuine cookies among 500 others', async () => {
      const others = Array.from({ length: 500 }, (_, n) => `c${n}=${n}`);
      const header = [...others.slice(0, 250), withCookie('jwtSession', genuine.get('jwtSession') ?? ''), ...others.slice(250)].join('; ');
      expect(await read(header)).to.deep.equal(WRITTEN);
    });

    it('reads the first of 500 cookies named jwtSession, so a planted first one means no session, not an error', async () => {
      const tampered = `jwtSession=${flipBit(genuine.get('jwtSession') ?? '', 30)}`;
      const planted = Array.from({ length: 498 }, (_, n) => `jwtSession=x${n}`);
      const header = [tampered, ...planted, `jwtSession=${genuine.get('jwtSession')}`].join('; ');
      expect(await read(header)).to.deep.equal(EMPTY_SESSION);
    });

    it('sends no Set-Cookie for a session it could not open, so a browser keeps what it had', async () => {
      const answer = await request(app).get('/probe/session').set('Cookie', withCookie('jwtSession', flipBit(genuine.get('jwtSession') ?? '', 20)));
      expect(setCookie(answer, 'jwtSession')).to.equal(undefined);
    });
  });
});
