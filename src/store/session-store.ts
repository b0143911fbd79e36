import type { FlashEntry } from '../session/flash-bag';
import type { JsonValue } from '../session/json-value';

/**
 * What a server-side store keeps for one session.
 *
 * @example
 * ```ts
 * const record: SessionRecord = {
 *   entries: { cart: ['sku-1'] },
 *   flashes: [{ message: 'Added to your cart', category: 'info' }],
 * };
 * ```
 */
export interface SessionRecord {
  /** The app's entries by key. */
  readonly entries: Readonly<Record<string, JsonValue>>;
  /** Pending flash messages, oldest first. */
  readonly flashes: readonly FlashEntry[];
  /** The session's CSRF token, once made. */
  readonly csrf?: string;
}

/**
 * A change to one session record. Entries change key by key, so concurrent writes of different keys both land.
 *
 * @example
 * ```ts
 * // In a SessionStore of your own: apply the keys one by one, so concurrent writes of other keys stay.
 * async save(sessionId: string, change: SessionChange, ttl: number): Promise<void> {
 *   const entries = { ...this.sessions.get(sessionId)?.entries, ...change.set };
 *   for (const key of change.delete ?? []) delete entries[key];
 *   // ...store entries, change.flashes and change.csrf when given, and expire the session after ttl seconds
 * }
 * ```
 */
export interface SessionChange {
  /** Entries to store, by key. */
  readonly set?: Readonly<Record<string, JsonValue>>;
  /** Keys to remove. */
  readonly delete?: readonly string[];
  /** The whole pending flash list, when it changed. */
  readonly flashes?: readonly FlashEntry[];
  /** The CSRF token, when it was made. */
  readonly csrf?: string;
  /** The user the session belongs to, after a login: lets {@link SessionStore.destroyAll} find it. */
  readonly username?: string;
}

/**
 * The token part of a {@link SessionStore.load} query.
 *
 * @example
 * ```ts
 * // In a SessionStore of your own: a token is revoked when its jti is denied, or when it was issued
 * // before its user's last "log out everywhere".
 * const revoked = (token.jti !== undefined && this.denied.has(token.jti)) || token.iat <= (this.loggedOutAt.get(token.sub) ?? -1);
 * ```
 */
export interface TokenQuery {
  /** The token's `jti`, checked against the deny list. */
  readonly jti: string | undefined;
  /** The token's `sub`. */
  readonly sub: string;
  /** The token's `iat`: tokens issued before the user's last "log out everywhere" are revoked. */
  readonly iat: number;
}

/**
 * What {@link SessionStore.load} answers.
 *
 * @example
 * ```ts
 * // In a SessionStore of your own:
 * async load(sessionId: string | undefined, token: TokenQuery | undefined): Promise<StoreLoadResult> {
 *   const record = sessionId === undefined ? undefined : this.sessions.get(sessionId);
 *   return { record, tokenRevoked: token !== undefined && this.isRevoked(token) };
 * }
 * ```
 */
export interface StoreLoadResult {
  /** The session's record; undefined when the session does not exist (or expired). */
  readonly record: SessionRecord | undefined;
  /** Whether the queried token was revoked. */
  readonly tokenRevoked: boolean;
}

/**
 * A server-side session store: the session cookie then holds only a random session id (sealed), the
 * data lives in the store, sessions can be destroyed from anywhere, and tokens can be revoked. Without
 * a store, the library keeps sessions in sealed cookies (the cookie store: nothing to run, but no
 * revocation and about 4 KB per session). {@link RedisSessionStore} is the implementation shipped.
 *
 * Every method may reject when the store cannot be reached; the library answers such requests with
 * a 503 ({@link SessionStoreUnavailableError}).
 *
 * @example
 * ```ts
 * Container.get(SessionManager).configure({ secret, store: new RedisSessionStore(new Redis()) });
 * ```
 */
export interface SessionStore {
  /** In one round trip: the record of `sessionId` (when given) and whether `token` (when given) is revoked. */
  load(sessionId: string | undefined, token: TokenQuery | undefined): Promise<StoreLoadResult>;
  /** Applies `change` to session `sessionId` and keeps it for `ttl` seconds from now. */
  save(sessionId: string, change: SessionChange, ttl: number): Promise<void>;
  /** Keeps session `sessionId` for `ttl` seconds from now, unchanged. */
  touch(sessionId: string, ttl: number): Promise<void>;
  /** Deletes session `sessionId`. */
  destroy(sessionId: string): Promise<void>;
  /** Deletes every session of `username` and revokes every token issued to them up to `nowSeconds`. */
  destroyAll(username: string, nowSeconds: number): Promise<void>;
  /** Puts the token id `jti` on the deny list until `expiresAt` (seconds since the epoch). */
  revoke(jti: string, expiresAt: number, nowSeconds: number): Promise<void>;
}
