import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type Redis from 'ioredis';
import request from 'supertest';
import { JwtSessionHttpError } from '../../src/errors/http-errors';
import { SessionManager } from '../../src/session/session-manager';
import { RedisSessionStore } from '../../src/store/redis-session-store';
import { cookieHeader, setCookie } from '../support/cookies';
import { redisClient, requireRedisServer, sharedRedis, startRedis, type RedisProcess } from '../support/redis';
import { SECRET } from '../support/secrets';

/** One app instance: its own SessionManager and Redis connection, sharing only Redis and the secret. */
interface Instance {
  readonly url: string;
  readonly manager: SessionManager;
  readonly client: Redis;
  readonly server: Server;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function startInstance(redisPort: number): Promise<Instance> {
  const client = await redisClient(redisPort);
  const manager = new SessionManager().configure({
    secret: SECRET,
    store: new RedisSessionStore(client, { prefix: 'scale:', timeout: 500 }),
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://instance');
    const route = async (): Promise<unknown> => {
      if (url.pathname === '/plain') return { plain: true };
      if (url.pathname === '/destroy-all') return manager.destroyAllSessions(url.searchParams.get('user') ?? '').then(() => ({ done: true }));
      const session = await manager.session(req, res);
      let body: unknown;
      switch (url.pathname) {
        case '/login':
          body = { token: session.login(url.searchParams.get('user') ?? '') };
          break;
        case '/set':
          session.set(url.searchParams.get('key') ?? 'k', url.searchParams.get('value') ?? '');
          body = session.keys();
          break;
        case '/big':
          session.set('big', 'x'.repeat(20_000));
          body = { stored: true };
          break;
        case '/logout':
          session.logout();
          body = { loggedOut: true };
          break;
        default:
          body = { user: session.username ?? null, entries: Object.fromEntries(session.keys().map((key) => [key, session.get(key)])) };
      }
      // What SessionInterceptor does: the store writes land before the answer goes out.
      await manager.release(req);
      return body;
    };
    route().then(
      (body) => send(res, 200, body),
      (error: unknown) => send(res, error instanceof JwtSessionHttpError ? error.httpCode : 500, { error: (error as Error).name }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, manager, client, server };
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (instance === undefined) return;
  instance.client.disconnect();
  instance.server.closeAllConnections();
  await new Promise((resolve) => instance.server.close(resolve));
}

describe('Redis store with two app instances', () => {
  let redis: { port: number; stop(): Promise<void> };
  let a: Instance;
  let b: Instance;

  before(async function () {
    this.timeout(20_000);
    requireRedisServer(this);
    redis = await sharedRedis();
    a = await startInstance(redis.port);
    b = await startInstance(redis.port);
  });

  after(async () => {
    await stopInstance(a);
    await stopInstance(b);
    await redis?.stop();
  });

  async function login(instance: Instance, user: string) {
    const answer = await request(instance.url).get(`/login?user=${user}`).expect(200);
    return { cookie: cookieHeader(answer), token: answer.body.token as string, answer };
  }

  it('keeps only a sealed random session id in the cookie', async () => {
    const answer = await request(a.url).get('/set?key=color&value=teal').expect(200);
    const cookie = setCookie(answer, 'jwtSession');
    expect(cookie?.value.length).to.be.below(200);
    const keys = await a.client.keys('scale:s:*');
    expect(keys.length).to.be.greaterThan(0);
    expect(cookie?.value).not.to.contain('teal');
  });

  it('serves a login made on A to the cookie and to the Bearer token on B', async () => {
    const { cookie, token } = await login(a, 'alice');
    await request(a.url).get('/set?key=cart&value=3').set('Cookie', cookie).expect(200);
    const viaCookie = await request(b.url).get('/me').set('Cookie', cookie).expect(200);
    expect(viaCookie.body).to.deep.equal({ user: 'alice', entries: { cart: '3' } });
    const viaBearer = await request(b.url).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(viaBearer.body.user).to.equal('alice');
    expect(await b.manager.validateToken(token)).to.equal('alice');
  });

  it('rejects both the cookie and the token on B after a logout on A', async () => {
    const { cookie, token } = await login(a, 'bob');
    await request(a.url).get('/set?key=k&value=v').set('Cookie', cookie).expect(200);
    await request(a.url).get('/logout').set('Cookie', cookie).expect(200);
    const viaCookie = await request(b.url).get('/me').set('Cookie', cookie).expect(200);
    expect(viaCookie.body).to.deep.equal({ user: null, entries: {} });
    const viaBearer = await request(b.url).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(viaBearer.body.user).to.equal(null);
    await b.manager.validateToken(token).then(
      () => expect.fail('a revoked token was accepted'),
      (error: Error) => expect(error.message).to.contain('revoked'),
    );
  });

  it("ends A's session when B calls destroyAllSessions", async () => {
    const first = await login(a, 'carol');
    const second = await login(a, 'carol');
    await request(a.url).get('/set?key=k&value=v').set('Cookie', first.cookie).expect(200);
    await request(b.url).get('/destroy-all?user=carol').expect(200);
    for (const { cookie } of [first, second]) {
      const after = await request(a.url).get('/me').set('Cookie', cookie).expect(200);
      expect(after.body).to.deep.equal({ user: null, entries: {} });
    }
  });

  it('issues a fresh session id at login, so a planted session id is not kept (fixation)', async () => {
    const planted = await request(a.url).get('/set?key=k&value=v').expect(200);
    const answer = await request(a.url).get('/login?user=dave').set('Cookie', cookieHeader(planted)).expect(200);
    const before = setCookie(planted, 'jwtSession')?.value;
    const after = setCookie(answer, 'jwtSession')?.value;
    expect(after).to.be.a('string').and.not.equal(before);
    const old = await request(b.url).get('/me').set('Cookie', cookieHeader(planted)).expect(200);
    expect(old.body.entries, 'the pre-login session is gone').to.deep.equal({});
    const fresh = await request(b.url).get('/me').set('Cookie', cookieHeader(answer)).expect(200);
    expect(fresh.body.entries, 'its data moved to the new id').to.deep.equal({ k: 'v' });
  });

  it('holds sessions far larger than a cookie could', async () => {
    const big = await request(a.url).get('/big').expect(200);
    const read = await request(b.url).get('/me').set('Cookie', cookieHeader(big)).expect(200);
    expect((read.body.entries.big as string).length).to.equal(20_000);
  });

  it('keeps the last write per key when two requests of one session write at once', async () => {
    const base = await request(a.url).get('/set?key=base&value=0').expect(200);
    const cookie = cookieHeader(base);
    await Promise.all([
      request(a.url).get('/set?key=left&value=1').set('Cookie', cookie),
      request(b.url).get('/set?key=right&value=2').set('Cookie', cookie),
      request(a.url).get('/set?key=base&value=3').set('Cookie', cookie),
    ]);
    const read = await request(b.url).get('/me').set('Cookie', cookie).expect(200);
    expect(read.body.entries).to.deep.equal({ base: '3', left: '1', right: '2' });
  });

  describe('when Redis goes down', () => {
    let own: RedisProcess;
    let solo: Instance;

    before(async function () {
      this.timeout(20_000);
      own = await startRedis();
      solo = await startInstance(own.port);
    });

    after(async () => {
      await stopInstance(solo);
      await own?.kill();
    });

    it('answers 503 quickly to requests that need the session, serves the others, and recovers when Redis is back', async function () {
      this.timeout(30_000);
      const { cookie } = await login(solo, 'erin');
      await own.kill();
      const started = Date.now();
      const down = await request(solo.url).get('/me').set('Cookie', cookie);
      const elapsed = Date.now() - started;
      expect(down.status).to.equal(503);
      expect(down.body.error).to.equal('SessionStoreUnavailableError');
      expect(elapsed, 'bounded latency').to.be.below(1500);
      await request(solo.url).get('/plain').expect(200, { plain: true });
      await own.restart();
      const deadline = Date.now() + 15_000;
      let status = 0;
      while (Date.now() < deadline) {
        status = (await request(solo.url).get('/me').set('Cookie', cookie)).status;
        if (status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status, 'recovered by itself').to.equal(200);
    });
  });
});
