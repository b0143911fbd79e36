/**
 * The part of an ioredis `multi()` transaction the {@link RedisSessionStore} uses. Declared here so
 * the library's types do not depend on a Redis client package.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 *
 * // What RedisSessionStore queues its commands on; ioredis's multi() fits it.
 * const transaction: RedisTransaction = new Redis({ enableOfflineQueue: false }).multi();
 * ```
 */
export interface RedisTransaction {
  /** HGETALL key. */
  hgetall(key: string): RedisTransaction;
  /** HSET key field value [field value ...]. */
  hset(key: string, values: Record<string, string>): RedisTransaction;
  /** HDEL key field [field ...]. */
  hdel(key: string, ...fields: string[]): RedisTransaction;
  /** EXISTS key. */
  exists(key: string): RedisTransaction;
  /** GET key. */
  get(key: string): RedisTransaction;
  /** SET key value. */
  set(key: string, value: string): RedisTransaction;
  /** SET key value EX seconds. */
  set(key: string, value: string, mode: 'EX', seconds: number): RedisTransaction;
  /** DEL key [key ...]. */
  del(...keys: string[]): RedisTransaction;
  /** EXPIRE key seconds. */
  expire(key: string, seconds: number): RedisTransaction;
  /** SADD key member. */
  sadd(key: string, member: string): RedisTransaction;
  /** SMEMBERS key. */
  smembers(key: string): RedisTransaction;
  /** Runs the queued commands: one `[error, result]` pair per command, or null when aborted. */
  exec(): Promise<[Error | null, unknown][] | null>;
}

/**
 * A Redis client as the {@link RedisSessionStore} needs it: an ioredis `Redis` or `Cluster` instance.
 * Create it with `enableOfflineQueue: false` so commands fail at once while Redis is down, instead of
 * waiting (and running late, after their request was answered 503).
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * const client: RedisClient = new Redis({ host: '127.0.0.1', enableOfflineQueue: false });
 * ```
 */
export interface RedisClient {
  /** Starts a MULTI transaction. */
  multi(): RedisTransaction;
}
