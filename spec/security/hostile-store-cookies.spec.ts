import { expect } from 'chai';
import type { Express } from 'express';
import type Redis from 'ioredis';
import request from 'supertest';
import { CookieSealer } from '../../src/crypto/cookie-sealer';
import { KeyRing } from '../../src/crypto/key-ring';
import { RedisSessionStore } from '../../src/store/redis-session-store';
import { buildApp, configureManager } from '../support/app';
import { cookieHeader, setCookie } from '../support/cookies';
import { redisClient, requireRedisServer, sharedRedis } from '../support/redis';
import { SECRET } from '../support/secrets';
import { plantedFlashCookie } from './support/hostile-flash';
import { EMPTY_SESSION, ProbeController, type SessionView } from './support/probe-app';

const PREFIX = 'security-spec:';
const WRITTEN: SessionView = { entries: { cart: ['apple', 'pear'] }, flashes: ['hello'], username: null };

/** The session cookie of a server-side store holds only a sealed id: what an attacker can do with it. */
describe('hostile session cookies with the Redis store', function () {
  this.timeout(20_000);
  let redis: { port: number; stop(): Promise<void> };
  let client: Redis;
  let app: Express;
  /** A genuine `jwtSession` cookie value of a session holding {@link WRITTEN}; reading it consumes the flash. */
  let genuine: string;

  before(async function () {
    requireRedisServer(this);
    redis = await sharedRedis();
    client = await redisClient(redis.port);
    app = buildApp([ProbeController], { session: { store: new RedisSessionStore(client, { prefix: PREFIX, timeout: 1000 }) } });
    genuine = await freshSession();
  });

  /** The `jwtSession` cookie value of a new session holding {@link WRITTEN}. */
  async function freshSession(): Promise<string> {
    return setCookie(await request(app).get('/probe/write').expect(200), 'jwtSession')?.value ?? '';
  }

  after(async () => {
    configureManager();
    if (client !== undefined) {
      const keys = await client.keys(`${PREFIX}*`);
      if (keys.length > 0) await client.del(...keys);
      client.disconnect();
    }
    await redis?.stop();
  });

  /** `/probe/session` with `cookie`: served with 200; what it saw, and whether the answer deletes the session cookie. */
  async function read(cookie: string): Promise<{ view: SessionView; deletesCookie: boolean }> {
    const answer = await request(app).get('/probe/session').set('Cookie', cookie).expect(200);
    return { view: answer.body as SessionView, deletesCookie: setCookie(answer, 'jwtSession')?.attributes.get('max-age') === '0' };
  }

  it('reads the genuine session from the store (the control)', async () => {
    expect((await read(`jwtSession=${genuine}`)).view).to.deep.equal(WRITTEN);
  });

  for (const [what, index] of [
    ['key id', 3],
    ['nonce', 10],
    ['ciphertext', 20],
    ['tag', -1],
  ] as const) {
    it(`reads a flipped bit in the ${what} of the id cookie as no session, and deletes that cookie`, async () => {
      const bytes = Buffer.from(genuine, 'base64url');
      bytes[index < 0 ? bytes.length + index : index] ^= 0x80;
      expect(await read(`jwtSession=${bytes.toString('base64url')}`)).to.deep.equal({ view: EMPTY_SESSION, deletesCookie: true });
    });
  }

  it('never uses a sealed id that is not a session id as a Redis key (globs, separators, wrong length, not a string)', async () => {
    const sealer = new CookieSealer(new KeyRing([SECRET], 'cookie'));
    const before = (await client.keys(`${PREFIX}*`)).sort();
    for (const id of ['*', `${'A'.repeat(21)}*`, `${'A'.repeat(10)}:${'A'.repeat(11)}`, '../../../etc', 'A'.repeat(23), 12345, null]) {
      const cookie = sealer.seal('jwtSession', JSON.stringify({ i: id }), Date.now() + 60_000);
      expect(await read(`jwtSession=${cookie}`), String(id)).to.deep.equal({ view: EMPTY_SESSION, deletesCookie: true });
    }
    expect((await client.keys(`${PREFIX}*`)).sort()).to.deep.equal(before);
  });

  it('reads a well-formed sealed id of a session the store does not have as no session, and deletes that cookie', async () => {
    const sealer = new CookieSealer(new KeyRing([SECRET], 'cookie'));
    const cookie = sealer.seal('jwtSession', JSON.stringify({ i: 'A'.repeat(22) }), Date.now() + 60_000);
    expect(await read(`jwtSession=${cookie}`)).to.deep.equal({ view: EMPTY_SESSION, deletesCookie: true });
  });

  it('ignores a genuine flash cookie: with a store, flashes live in the store only', async () => {
    const flash = await plantedFlashCookie(SECRET, 'planted');
    expect((await read(`jwtSession=${await freshSession()}; jwtFlash=${flash}`)).view).to.deep.equal(WRITTEN);
  });

  it('opens nothing with an old copy of the session cookie after a logout, and refuses the logged-out token (unlike the cookie store)', async () => {
    const login = await request(app).get('/probe/login/alice').expect(200);
    const { token } = login.body as { token: string };
    const written = await request(app).get('/probe/write').set('Cookie', cookieHeader(login)).expect(200);
    const copy = cookieHeader(login, written);
    expect((await read(copy)).view).to.deep.equal({ ...WRITTEN, username: 'alice' });
    await request(app).get('/probe/logout').set('Cookie', copy).expect(200);
    expect(await read(copy)).to.deep.equal({ view: EMPTY_SESSION, deletesCookie: true });
    await request(app).get('/probe/user').set('Authorization', `Bearer ${token}`).expect(200, { username: null });
  });
});
