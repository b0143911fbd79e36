import { expect } from 'chai';
import type Redis from 'ioredis';
import { ConfigError } from '../../src/errors/config-error';
import { RedisSessionStore } from '../../src/store/redis-session-store';
import { redisClient, requireRedisServer, sharedRedis } from '../support/redis';

describe('RedisSessionStore (against a real redis-server)', () => {
  let redis: { port: number; stop(): Promise<void> };
  let client: Redis;
  let store: RedisSessionStore;

  before(async function () {
    requireRedisServer(this);
    redis = await sharedRedis();
    client = await redisClient(redis.port);
    store = new RedisSessionStore(client, { prefix: 'spec:' });
  });

  after(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('saves entries, flashes and the CSRF token, and loads them back', async () => {
    await store.save('id-1', { set: { a: 1, b: { nested: ['x'] } }, flashes: [{ message: 'hi', category: 'info' }], csrf: 'tok' }, 60);
    const { record } = await store.load('id-1', undefined);
    expect(record).to.deep.equal({ entries: { a: 1, b: { nested: ['x'] } }, flashes: [{ message: 'hi', category: 'info' }], csrf: 'tok' });
  });

  it('keeps a session for its ttl and refreshes it on touch', async () => {
    await store.save('id-ttl', { set: { a: 1 } }, 60);
    expect(await client.ttl('spec:s:id-ttl')).to.be.within(59, 60);
    await store.touch('id-ttl', 600);
    expect(await client.ttl('spec:s:id-ttl')).to.be.within(599, 600);
  });

  it('writes entries key by key: two concurrent changes of different keys both land', async () => {
    await store.save('id-2', { set: { base: true } }, 60);
    await Promise.all([store.save('id-2', { set: { left: 1 } }, 60), store.save('id-2', { set: { right: 2 }, delete: ['base'] }, 60)]);
    expect((await store.load('id-2', undefined)).record?.entries).to.deep.equal({ left: 1, right: 2 });
  });

  it('answers no record for an unknown, destroyed or emptied session', async () => {
    expect((await store.load('nope', undefined)).record).to.equal(undefined);
    await store.save('id-3', { set: { a: 1 } }, 60);
    await store.destroy('id-3');
    expect((await store.load('id-3', undefined)).record).to.equal(undefined);
    await store.save('id-4', { set: { a: 1 } }, 60);
    await store.save('id-4', { delete: ['a'] }, 60);
    expect((await store.load('id-4', undefined)).record).to.equal(undefined);
  });

  it('revokes a token id until its own expiry', async () => {
    const token = { jti: 'jti-1', sub: 'alice', iat: 1000 };
    expect((await store.load(undefined, token)).tokenRevoked).to.equal(false);
    await store.revoke('jti-1', 1030, 1000);
    expect((await store.load(undefined, token)).tokenRevoked).to.equal(true);
    expect(await client.ttl('spec:r:jti-1')).to.be.within(29, 30);
    await store.revoke('jti-expired', 999, 1000);
    expect(await client.exists('spec:r:jti-expired'), 'an expired token needs no entry').to.equal(0);
  });

  it('destroyAll deletes every session of a user and revokes their tokens issued until then', async () => {
    await store.save('bob-1', { set: { a: 1 }, username: 'bob' }, 60);
    await store.save('bob-2', { set: { a: 2 }, username: 'bob' }, 60);
    await store.save('carol-1', { set: { a: 3 }, username: 'carol' }, 60);
    await store.destroyAll('bob', 2000);
    expect((await store.load('bob-1', undefined)).record).to.equal(undefined);
    expect((await store.load('bob-2', undefined)).record).to.equal(undefined);
    expect((await store.load('carol-1', undefined)).record?.entries).to.deep.equal({ a: 3 });
    expect((await store.load(undefined, { jti: 'x', sub: 'bob', iat: 2000 })).tokenRevoked).to.equal(true);
    expect((await store.load(undefined, { jti: 'y', sub: 'bob', iat: 2001 })).tokenRevoked, 'a later login').to.equal(false);
    expect((await store.load(undefined, { jti: 'z', sub: 'carol', iat: 1 })).tokenRevoked).to.equal(false);
  });

  it('reads a session and checks a token in one round trip', async () => {
    let transactions = 0;
    const counting = { multi: () => (transactions++, client.multi()) };
    const counted = new RedisSessionStore(counting, { prefix: 'spec:' });
    await counted.load('id-1', { jti: 'j', sub: 'alice', iat: 1 });
    expect(transactions).to.equal(1);
  });

  it('keeps apps apart by prefix', async () => {
    const other = new RedisSessionStore(client, { prefix: 'other:' });
    expect((await other.load('id-1', undefined)).record).to.equal(undefined);
  });

  it('rejects a bad client, prefix or timeout with ConfigError', () => {
    expect(() => new RedisSessionStore({} as never)).to.throw(ConfigError, 'store');
    expect(() => new RedisSessionStore(client, { prefix: '' })).to.throw(ConfigError, 'store.prefix');
    expect(() => new RedisSessionStore(client, { timeout: 0 })).to.throw(ConfigError, 'store.timeout');
  });
});
