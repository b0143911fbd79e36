import { randomBytes } from 'node:crypto';
import { SessionStoreUnavailableError } from '../errors/store-errors';
import type { TokenClaims } from '../jwt/token-claims';
import type { SessionChange, SessionStore, TokenQuery } from '../store/session-store';
import { storeCall } from '../store/store-call';
import type { CookieJar } from './cookie-jar';
import type { FlashEntry } from './flash-bag';
import type { JsonValue } from './json-value';
import type { SessionBackend } from './session-backend';
import type { SessionContent } from './session-data';
import type { SessionRuntime } from './session-runtime';

/** 128 random bits, base64url: the id a session cookie holds. */
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * A server-side store behind the session cookie, which holds only the sealed session id. Writes go
 * to the store as they happen (entries key by key) and are awaited by the interceptor; a session
 * the store no longer has (expired, destroyed) is never brought back: the next write starts a new one.
 */
export class StoreBackend implements SessionBackend {
  readonly remote = true;
  readonly #runtime: SessionRuntime;
  readonly #jar: CookieJar;
  readonly #store: SessionStore;
  #id: string | undefined;
  #content: SessionContent = { entries: new Map(), csrf: undefined };
  #flashes: readonly FlashEntry[] = [];
  /** The session's id changed (new or regenerated): the cookie must carry it. */
  #idChanged = false;
  /** The cookie names a session this response must delete. */
  #expireCookie = false;
  #loadedExisting = false;
  #changed = false;
  readonly #writes: Promise<void>[] = [];
  #failure: unknown;

  constructor(runtime: SessionRuntime, jar: CookieJar, store: SessionStore) {
    this.#runtime = runtime;
    this.#jar = jar;
    this.#store = store;
  }

  async load(token: TokenQuery | undefined): Promise<boolean> {
    const cookieId = this.#cookieId();
    const result = await storeCall(this.#store.load(cookieId, token));
    if (result.record !== undefined && cookieId !== undefined) {
      this.#id = cookieId;
      this.#loadedExisting = true;
      this.#content = { entries: new Map(Object.entries(result.record.entries)), csrf: result.record.csrf };
      this.#flashes = result.record.flashes;
    } else if (cookieId !== undefined || this.#jar.raw(this.#runtime.options.sessionName) !== undefined) {
      this.#expireCookie = true;
    }
    return result.tokenRevoked;
  }

  get content(): SessionContent {
    return this.#content;
  }

  get flashes(): readonly FlashEntry[] {
    return this.#flashes;
  }

  setContent(next: SessionContent): void {
    const set: Record<string, JsonValue> = {};
    for (const [key, value] of next.entries) if (this.#content.entries.get(key) !== value) set[key] = value;
    const removed = [...this.#content.entries.keys()].filter((key) => !next.entries.has(key));
    const csrf = next.csrf !== this.#content.csrf ? next.csrf : undefined;
    this.#content = next;
    this.#save({ set, delete: removed, ...(csrf === undefined ? {} : { csrf }) });
  }

  setFlashes(next: readonly FlashEntry[]): void {
    this.#flashes = next;
    this.#save({ flashes: next });
  }

  regenerate(username: string | undefined): void {
    const previous = this.#id;
    this.#id = newSessionId();
    this.#idChanged = true;
    const { entries, csrf } = this.#content;
    this.#save({
      set: Object.fromEntries(entries),
      flashes: this.#flashes,
      ...(csrf === undefined ? {} : { csrf }),
      ...(username === undefined ? {} : { username }),
    });
    if (previous !== undefined) this.#track(this.#store.destroy(previous));
  }

  destroy(): void {
    if (this.#id !== undefined) this.#track(this.#store.destroy(this.#id));
    this.#id = undefined;
    this.#idChanged = false;
    this.#expireCookie = true;
    this.#content = { entries: new Map(), csrf: undefined };
    this.#flashes = [];
  }

  revoke(claims: TokenClaims): void {
    if (claims.jti !== undefined) this.#track(this.#store.revoke(claims.jti, claims.exp, this.#nowSeconds()));
  }

  setCookies(): string[] {
    const name = this.#runtime.options.sessionName;
    const rolling = this.#runtime.options.cookie.rolling && this.#loadedExisting && !this.#changed && this.#id !== undefined;
    if (rolling) this.#track(this.#store.touch(this.#id as string, this.#runtime.options.cookie.maxAge));
    if (this.#id !== undefined && (this.#idChanged || rolling)) return [this.#jar.sealed(name, JSON.stringify({ i: this.#id }))];
    return this.#expireCookie ? [this.#jar.expired(name)] : [];
  }

  settled(): Promise<void> | undefined {
    if (this.#writes.length === 0) return undefined;
    return Promise.all(this.#writes).then(() => {
      if (this.#failure !== undefined) throw new SessionStoreUnavailableError(this.#failure);
    });
  }

  #save(change: SessionChange): void {
    this.#changed = true;
    if (this.#id === undefined) {
      this.#id = newSessionId();
      this.#idChanged = true;
    }
    this.#track(this.#store.save(this.#id, change, this.#runtime.options.cookie.maxAge));
  }

  /** Keeps a write for {@link StoreBackend.settled}; a failure is recorded, never left unhandled. */
  #track(write: Promise<void>): void {
    this.#writes.push(
      write.catch((error: unknown) => {
        this.#failure ??= error;
      }),
    );
  }

  #cookieId(): string | undefined {
    const text = this.#jar.open(this.#runtime.options.sessionName);
    if (text === undefined) return undefined;
    try {
      const id: unknown = (JSON.parse(text) as { i?: unknown }).i;
      return typeof id === 'string' && SESSION_ID.test(id) ? id : undefined;
    } catch {
      return undefined;
    }
  }

  #nowSeconds(): number {
    return Math.floor(this.#runtime.options.now() / 1000);
  }
}

function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}
