import { ConfigError } from '../errors/config-error';
import { copyJson, isJsonValue, type JsonValue } from './json-value';
import type { FlashEntry } from './flash-bag';
import type { LoginOptions, RequestState } from './request-state';

/** Keys of `T` that are strings: the keys a session can hold. */
type Key<T> = Extract<keyof T, string>;

/**
 * One request's session: encrypted key/value data, one-shot flash messages, and the JWT login.
 * `@Session()` injects it and {@link SessionManager.session} returns it; both give the same object
 * for one request. Changes are written as cookies when the response headers go out; a change after
 * that throws {@link SessionCommittedError}.
 *
 * Type the data by passing its shape: `SessionHandle<{ cart: string[]; visits: number }>` makes
 * `get('visits')` a `number | undefined` and `set('visits', 'x')` a compile error.
 *
 * @typeParam T - the shape of the session data; values must be JSON values.
 *
 * @example
 * ```ts
 * @Get('/visits')
 * visits(@Session() session: SessionHandle<{ visits: number }>) {
 *   const visits = (session.get('visits') ?? 0) + 1;
 *   session.set('visits', visits);
 *   return { visits, user: session.username };
 * }
 * ```
 */
export class SessionHandle<T extends object = Record<string, JsonValue>> {
  readonly #state: RequestState;

  /** @internal Handles are made by the library, one per request. */
  constructor(state: RequestState) {
    this.#state = state;
  }

  /**
   * The username (`sub`) of the request's valid token: from `Authorization: Bearer <token>` (or a bare
   * token in that header), else from the token cookie. Undefined when there is none or it is invalid
   * or expired. After {@link SessionHandle.login} it is the new user; after {@link SessionHandle.logout}, undefined.
   */
  get username(): string | undefined {
    return this.#state.username;
  }

  /**
   * The value stored under `key`, or undefined. Arrays and objects come as a fresh copy on every
   * call: changing one changes nothing until it is passed to {@link SessionHandle.set}.
   */
  get<K extends Key<T>>(key: K): T[K] | undefined {
    const value = this.#state.entries.get(key);
    return (value === undefined ? undefined : copyJson(value)) as T[K] | undefined;
  }

  /** The value under `key` when it is a string, else undefined (gin-jwt-session's GetString). */
  getString(key: Key<T>): string | undefined {
    const value = this.#state.entries.get(key);
    return typeof value === 'string' ? value : undefined;
  }

  /** The value under `key` when it is a number, else undefined (gin-jwt-session's GetInt). */
  getNumber(key: Key<T>): number | undefined {
    const value = this.#state.entries.get(key);
    return typeof value === 'number' ? value : undefined;
  }

  /** Whether the session holds `key`. */
  has(key: Key<T>): boolean {
    return this.#state.entries.has(key);
  }

  /** The keys the session holds. */
  keys(): Key<T>[] {
    return [...this.#state.entries.keys()] as Key<T>[];
  }

  /**
   * Stores `value` under `key`; `undefined` deletes the key. The value is copied into the cookie as
   * JSON: to change a stored object, set it again.
   *
   * @throws {@link ConfigError} when `value` is not a JSON value (a Date, a Map, a class instance...).
   * @throws {@link SessionTooLargeError} when the session would not fit its cookie; nothing changes.
   */
  set<K extends Key<T>>(key: K, value: T[K]): void {
    if (value === undefined) return this.delete(key);
    if (!isJsonValue(value)) throw new ConfigError(`session.set("${key}")`, 'the value must be a JSON value: string, finite number, boolean, null, array or plain object');
    this.#state.setEntries(new Map(this.#state.entries).set(key, value));
  }

  /** Removes `key` from the session. */
  delete(key: Key<T>): void {
    this.#state.beginChange();
    if (!this.#state.entries.has(key)) return;
    const next = new Map(this.#state.entries);
    next.delete(key);
    this.#state.setEntries(next);
  }

  /** Removes every key; the session cookie is deleted unless it holds a CSRF token. The login and flashes stay. */
  clear(): void {
    this.#state.beginChange();
    if (this.#state.entries.size > 0) this.#state.setEntries(new Map());
  }

  /**
   * Adds a flash message, kept (encrypted) until a later read returns it: shown once. A category
   * (such as `'error'`) lets pages read one kind at a time, as connect-flash does.
   *
   * @param message - a string, or any JSON value.
   * @param category - an optional category name.
   * @throws {@link ConfigError} when `message` is not a JSON value.
   * @throws {@link SessionTooLargeError} when the pending flashes would not fit their cookie; the
   *   messages already pending stay.
   */
  flash(message: JsonValue, category?: string): void {
    if (!isJsonValue(message)) throw new ConfigError('flash(message)', 'must be a string or another JSON value');
    if (category !== undefined && typeof category !== 'string') throw new ConfigError('flash(category)', 'must be a string');
    this.#state.setFlashes([...this.#state.flashes, { message, category }]);
  }

  /**
   * Returns the pending flash messages, oldest first, and consumes them: each is shown once. With a
   * category, only the messages of that category are returned and consumed; the others stay.
   *
   * @typeParam M - the type of the messages flashed; strings unless you flashed other JSON values.
   */
  flashes<M extends JsonValue = string>(category?: string): M[] {
    const entries = category === undefined ? this.flashEntries() : this.#consume((entry) => entry.category === category);
    return entries.map((entry) => entry.message as M);
  }

  /** Returns every pending flash with its category, oldest first, and consumes them. */
  flashEntries(): FlashEntry[] {
    return this.#consume(() => true);
  }

  /**
   * Logs `username` in: issues a JWT and stores it in the token cookie for the token's lifetime,
   * replacing any previous token. Returns the token, for clients that send it as a Bearer header.
   *
   * @throws {@link ConfigError} for an empty username, a bad lifetime or a reserved claim name.
   */
  login(username: string, options?: LoginOptions): string {
    return this.#state.login(username, options);
  }

  /** Logs out: forgets the user, the session data and the flashes, and deletes the token, session and flash cookies. */
  logout(): void {
    this.#state.logout();
  }

  /**
   * The session's CSRF token, to put in forms (`<input type="hidden" name="_csrf">`) or send in the
   * `x-csrf-token` header, when the `csrf` option is on. Made on first use and kept in the session
   * cookie until the session ends. {@link CsrfToken} injects it.
   */
  csrfToken(): string {
    return this.#state.csrfToken();
  }

  /**
   * Gives the session a new identity with its data kept: call it when privileges change, against
   * session fixation ({@link SessionHandle.login} does). With the cookie store this seals the data
   * afresh; an old copy of the cookie still opens until its own expiry, since nothing is kept server-side.
   */
  regenerate(): void {
    this.#state.regenerate();
  }

  /** Ends the session: its data and pending flashes are gone and their cookies deleted. The login stays. */
  destroy(): void {
    this.#state.destroy();
  }

  #consume(taken: (entry: FlashEntry) => boolean): FlashEntry[] {
    const pending = this.#state.flashes;
    const consumed = pending.filter(taken);
    if (consumed.length > 0) this.#state.setFlashes(pending.filter((entry) => !taken(entry)));
    return consumed;
  }
}
