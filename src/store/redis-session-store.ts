import { ConfigError } from '../errors/config-error';
import { flashCodec } from '../session/flash-bag';
import type { JsonValue } from '../session/json-value';
import type { RedisClient, RedisTransaction } from './redis-client';
import type { SessionChange, SessionRecord, SessionStore, StoreLoadResult, TokenQuery } from './session-store';

/**
 * Options of {@link RedisSessionStore}.
 *
 * @example
 * ```ts
 * const store = new RedisSessionStore(redis, { prefix: 'shop:', timeout: 500 });
 * ```
 */
export interface RedisSessionStoreOptions {
  /**
   * Prefix of every key the store writes, so several apps can share one Redis.
   * @defaultValue `'rcjs:'`
   */
  prefix?: string;
  /**
   * Milliseconds one round trip may take; past it the request is answered 503 instead of hanging.
   * @defaultValue `1000`
   */
  timeout?: number;
}

/** Hash fields of a session: entries are `d:<key>`, so no entry key can collide with the others. */
const ENTRY = 'd:';
const FLASHES = 'f';
const CSRF = 'c';
const USER = 'u';

/**
 * Sessions and the token deny list in Redis, shared by every instance of an app. Keys:
 * `<prefix>s:<id>` (a hash per session, expiring with it), `<prefix>u:<user>` (the user's session
 * ids), `<prefix>r:<jti>` (a revoked token, until its own expiry) and `<prefix>ra:<user>` (when the
 * user last logged out everywhere). Entries are written key by key: when two requests of one session
 * write at once, each key keeps the last write, and keys written by only one request are all kept.
 * Reading a session and checking its token is one round trip (MULTI).
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 *
 * const redis = new Redis({ host: '127.0.0.1', port: 6379, enableOfflineQueue: false });
 * Container.get(SessionManager).configure({
 *   secret: process.env.SESSION_SECRET,
 *   store: new RedisSessionStore(redis, { prefix: 'my-app:' }),
 * });
 * ```
 */
export class RedisSessionStore implements SessionStore {
  readonly #client: RedisClient;
  readonly #prefix: string;
  readonly #timeout: number;

  /**
   * @param client - an ioredis client you created, so connection options stay yours.
   * @param options - key prefix and time limit.
   * @throws {@link ConfigError} for an empty prefix or a time limit that is not a positive number.
   */
  constructor(client: RedisClient, options: RedisSessionStoreOptions = {}) {
    if (typeof client?.multi !== 'function') throw new ConfigError('store', 'RedisSessionStore needs an ioredis client');
    const prefix = options.prefix ?? 'rcjs:';
    if (typeof prefix !== 'string' || prefix === '') throw new ConfigError('store.prefix', 'must be a non-empty string');
    const timeout = options.timeout ?? 1000;
    if (typeof timeout !== 'number' || !(timeout > 0)) throw new ConfigError('store.timeout', 'must be a number of milliseconds above 0');
    this.#client = client;
    this.#prefix = prefix;
    this.#timeout = timeout;
  }

  async load(sessionId: string | undefined, token: TokenQuery | undefined): Promise<StoreLoadResult> {
    if (sessionId === undefined && token === undefined) return { record: undefined, tokenRevoked: false };
    const multi = this.#client.multi();
    if (sessionId !== undefined) multi.hgetall(this.#session(sessionId));
    if (token !== undefined) multi.exists(this.#revoked(token.jti ?? '')).get(this.#revokedAll(token.sub));
    const results = await this.#run(multi);
    const record = sessionId === undefined ? undefined : toRecord(results.shift() as Record<string, string>);
    if (token === undefined) return { record, tokenRevoked: false };
    const [denied, revokedAllAt] = results as [number, string | null];
    const tokenRevoked = (token.jti !== undefined && denied > 0) || (revokedAllAt !== null && token.iat <= Number(revokedAllAt));
    return { record, tokenRevoked };
  }

  async save(sessionId: string, change: SessionChange, ttl: number): Promise<void> {
    const key = this.#session(sessionId);
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(change.set ?? {})) fields[ENTRY + name] = JSON.stringify(value);
    if (change.flashes !== undefined && change.flashes.length > 0) fields[FLASHES] = flashCodec.encode(change.flashes);
    if (change.csrf !== undefined) fields[CSRF] = change.csrf;
    if (change.username !== undefined) fields[USER] = change.username;
    const removed = (change.delete ?? []).map((name) => ENTRY + name);
    if (change.flashes !== undefined && change.flashes.length === 0) removed.push(FLASHES);
    const multi = this.#client.multi();
    if (Object.keys(fields).length > 0) multi.hset(key, fields);
    if (removed.length > 0) multi.hdel(key, ...removed);
    multi.expire(key, ttl);
    if (change.username !== undefined) multi.sadd(this.#user(change.username), sessionId).expire(this.#user(change.username), ttl);
    await this.#run(multi);
  }

  async touch(sessionId: string, ttl: number): Promise<void> {
    await this.#run(this.#client.multi().expire(this.#session(sessionId), ttl));
  }

  async destroy(sessionId: string): Promise<void> {
    await this.#run(this.#client.multi().del(this.#session(sessionId)));
  }

  async destroyAll(username: string, nowSeconds: number): Promise<void> {
    const [ids] = (await this.#run(this.#client.multi().smembers(this.#user(username)))) as [string[]];
    const multi = this.#client.multi().set(this.#revokedAll(username), String(nowSeconds));
    await this.#run(multi.del(this.#user(username), ...ids.map((id) => this.#session(id))));
  }

  async revoke(jti: string, expiresAt: number, nowSeconds: number): Promise<void> {
    const ttl = Math.ceil(expiresAt - nowSeconds);
    if (ttl > 0) await this.#run(this.#client.multi().set(this.#revoked(jti), '1', 'EX', ttl));
  }

  /** Runs a transaction within the time limit; any command's error rejects the whole. */
  async #run(multi: RedisTransaction): Promise<unknown[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.#timeout} ms`)), this.#timeout);
      timer.unref();
    });
    try {
      const replies = await Promise.race([multi.exec(), timeout]);
      if (replies === null) throw new Error('Redis aborted the transaction');
      return replies.map(([error, value]) => {
        if (error) throw error;
        return value;
      });
    } finally {
      clearTimeout(timer);
    }
  }

  #session(id: string): string {
    return `${this.#prefix}s:${id}`;
  }

  #user(username: string): string {
    return `${this.#prefix}u:${username}`;
  }

  #revoked(jti: string): string {
    return `${this.#prefix}r:${jti}`;
  }

  #revokedAll(username: string): string {
    return `${this.#prefix}ra:${username}`;
  }
}

/** The record a session hash holds; undefined for an empty (absent or expired) hash. */
function toRecord(hash: Record<string, string>): SessionRecord | undefined {
  const fields = Object.entries(hash ?? {});
  if (fields.length === 0) return undefined;
  const entries: Record<string, JsonValue> = {};
  let flashes: SessionRecord['flashes'] = [];
  let csrf: string | undefined;
  for (const [field, value] of fields) {
    if (field.startsWith(ENTRY)) entries[field.slice(ENTRY.length)] = parse(value) ?? null;
    else if (field === FLASHES) flashes = flashCodec.decode(parse(value)) ?? [];
    else if (field === CSRF) csrf = value;
  }
  return csrf === undefined ? { entries, flashes } : { entries, flashes, csrf };
}

function parse(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
