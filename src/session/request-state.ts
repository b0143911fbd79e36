import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CsrfError } from '../errors/http-errors';
import { SessionCommittedError, SessionTooLargeError } from '../errors/session-errors';
import type { TokenClaims } from '../jwt/token-claims';
import { extractToken, type FoundToken } from '../jwt/token-extraction';
import { CookieBackend } from './cookie-backend';
import { CookieJar } from './cookie-jar';
import type { FlashEntry } from './flash-bag';
import type { JsonValue } from './json-value';
import { appendSetCookie, onHeaders } from './on-headers';
import type { SessionBackend } from './session-backend';
import type { SessionEntries } from './session-data';
import type { SessionRuntime } from './session-runtime';
import { StoreBackend } from './store-backend';

/** Methods that change state, so need a CSRF token when the defence is on. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Compares two secrets in time that does not depend on where they differ. */
function equalSecrets(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Options of {@link SessionHandle.login}.
 *
 * @example
 * ```ts
 * const token = session.login(username, { expiresIn: 900, claims: { role: 'admin' } });
 * ```
 */
export interface LoginOptions {
  /** Token lifetime in seconds; also the token cookie's `Max-Age`. Defaults to `jwt.expiresIn`. */
  expiresIn?: number;
  /** Custom claims to sign into the token beside `sub`, `iat`, `exp` and `jti`. */
  claims?: Readonly<Record<string, JsonValue>>;
}

/** The request's token after verification: its claims (undefined when none is valid) and where it came from. */
interface Authentication {
  readonly found: FoundToken | undefined;
  readonly claims: TokenClaims | undefined;
}

/**
 * Everything the library holds for one request: the session (in cookies or a store), who the token
 * says the user is, a pending token cookie, and whether the headers (and so the cookies) went out.
 */
export class RequestState {
  readonly #runtime: SessionRuntime;
  readonly #request: IncomingMessage;
  readonly #response: ServerResponse;
  readonly #jar: CookieJar;
  readonly #backend: SessionBackend;
  #authentication: Authentication | undefined;
  /** Boxed so that "not decided yet" differs from "decided: nobody". */
  #user: { readonly name: string | undefined } | undefined;
  #tokenCookie: string | undefined;
  #headersWatched = false;
  #committed = false;
  readonly #hold: () => void;

  /** @param hold - called on the first change: from then on the state has something to release. */
  constructor(runtime: SessionRuntime, request: IncomingMessage, response: ServerResponse, hold: () => void) {
    this.#runtime = runtime;
    this.#request = request;
    this.#response = response;
    this.#hold = hold;
    this.#jar = new CookieJar(runtime, request);
    const store = runtime.options.store;
    this.#backend = store === undefined ? new CookieBackend(runtime, this.#jar) : new StoreBackend(runtime, this.#jar, store);
  }

  /** Whether the session lives in a server-side store, so must be {@link RequestState.load}ed first. */
  get remote(): boolean {
    return this.#backend.remote;
  }

  /**
   * Fetches the session from a server-side store, checking in the same round trip whether the
   * request's token was revoked. Nothing to do (and no token work) for the cookie store.
   */
  async load(): Promise<void> {
    if (!this.#backend.remote) return;
    const claims = this.#authenticated().claims;
    const revoked = await this.#backend.load(claims && { jti: claims.jti, sub: claims.sub, iat: claims.iat });
    if (revoked) this.#user = { name: undefined };
  }

  /**
   * Called before every change: throws {@link SessionCommittedError} once changes can no longer
   * reach the client, and otherwise makes sure the cookies are written when the headers go out.
   */
  beginChange(): void {
    // The headers may have gone out (or the client gone) without the hook: only a first change installs it.
    if (this.#committed || this.#response.headersSent || this.#response.destroyed) {
      this.#committed = true;
      throw new SessionCommittedError();
    }
    this.#watchHeaders();
  }

  /** The app's session entries. */
  get entries(): SessionEntries {
    // A rolling session is re-sent whenever it was read.
    if (this.#runtime.options.cookie.rolling && !this.#committed) this.#watchHeaders();
    return this.#backend.content.entries;
  }

  /** Replaces the app's session entries. @throws {@link SessionTooLargeError} when they would not fit. */
  setEntries(next: SessionEntries): void {
    this.beginChange();
    this.#backend.setContent({ ...this.#backend.content, entries: next });
  }

  /** Pending flashes, oldest first. */
  get flashes(): readonly FlashEntry[] {
    return this.#backend.flashes;
  }

  /** Replaces the pending flashes. @throws {@link SessionTooLargeError} when they would not fit. */
  setFlashes(next: readonly FlashEntry[]): void {
    this.beginChange();
    this.#backend.setFlashes(next);
  }

  /** The session's CSRF token, made (and stored with the session) on first use. */
  csrfToken(): string {
    const existing = this.#backend.content.csrf;
    if (existing !== undefined) return existing;
    this.beginChange();
    const token = randomBytes(32).toString('base64url');
    this.#backend.setContent({ ...this.#backend.content, csrf: token });
    return token;
  }

  /**
   * A {@link CsrfError} when the `csrf` option is on and this is a state-changing request, not
   * authenticated by the Authorization header (which a cross-site form cannot send), whose header or
   * body field does not carry the session's CSRF token; undefined when the request may go on.
   */
  csrfRejection(): CsrfError | undefined {
    const csrf = this.#runtime.options.csrf;
    if (csrf === undefined || !STATE_CHANGING.has(this.#request.method ?? '')) return undefined;
    if (this.#foundToken()?.source === 'header') return undefined;
    const expected = this.#backend.content.csrf;
    const header = this.#request.headers[csrf.header];
    const body = (this.#request as IncomingMessage & { body?: unknown }).body;
    const field = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[csrf.field] : undefined;
    const sent = typeof header === 'string' ? header : field;
    return expected !== undefined && typeof sent === 'string' && equalSecrets(expected, sent) ? undefined : new CsrfError();
  }

  /**
   * The username of the request's token, verified on first use; undefined when none is valid (or a
   * store says it was revoked). A cookie token close to expiry is renewed then (see `jwt.renewWithin`).
   */
  get username(): string | undefined {
    this.#user ??= { name: this.#renewedUsername() };
    return this.#user.name;
  }

  /** Issues a token for `username` into the token cookie, makes it this request's user, and regenerates the session. */
  login(username: string, options: LoginOptions = {}): string {
    this.beginChange();
    const token = this.#runtime.tokens.sign(username, options.expiresIn, options.claims);
    this.#setTokenCookie(token, options.expiresIn ?? this.#runtime.options.jwt.expiresIn);
    this.#backend.regenerate(username);
    this.#user = { name: username };
    return token;
  }

  /** Forgets the user, the session data and the flashes, deletes their cookies, and revokes the token where a store can. */
  logout(): void {
    this.destroy();
    const claims = this.#authenticated().claims;
    if (claims !== undefined) this.#backend.revoke(claims);
    this.#tokenCookie = this.#jar.expired(this.#runtime.options.tokenName);
    this.#user = { name: undefined };
  }

  /** A new session identity for the same data. */
  regenerate(): void {
    this.beginChange();
    this.#backend.regenerate(undefined);
  }

  /** Ends the session: empties its data and flashes and deletes their cookies; the login stays. */
  destroy(): void {
    this.beginChange();
    this.#backend.destroy();
  }

  /** Resolves once the session's writes have landed in the store (rejects with {@link SessionStoreUnavailableError}); undefined when none are pending. */
  settled(): Promise<void> | undefined {
    return this.#backend.settled();
  }

  /** Writes the pending `Set-Cookie` headers, once; later changes throw {@link SessionCommittedError}. */
  commit(): void {
    if (this.#committed) return;
    this.#committed = true;
    if (this.#response.headersSent) return;
    const cookies = this.#backend.setCookies();
    if (this.#tokenCookie !== undefined) cookies.unshift(this.#tokenCookie);
    if (cookies.length > 0) appendSetCookie(this.#response, cookies);
  }

  #setTokenCookie(token: string, maxAge: number): void {
    const name = this.#runtime.options.tokenName;
    this.#jar.assertFits(name, token.length, maxAge);
    this.#tokenCookie = this.#jar.plain(name, token, maxAge);
    this.#watchHeaders();
  }

  /** Hooks the response's headers once: requests that change nothing pay nothing for it. */
  #watchHeaders(): void {
    if (this.#headersWatched) return;
    this.#headersWatched = true;
    this.#hold();
    onHeaders(this.#response, () => this.commit());
  }

  #foundToken(): FoundToken | undefined {
    return this.#authentication?.found ?? extractToken(this.#request.headers, () => this.#jar.raw(this.#runtime.options.tokenName));
  }

  /** The request's token, verified once per request. */
  #authenticated(): Authentication {
    if (this.#authentication === undefined) {
      const found = this.#foundToken();
      this.#authentication = { found, claims: found === undefined ? undefined : this.#runtime.tokens.claimsOf(found.token) };
    }
    return this.#authentication;
  }

  #renewedUsername(): string | undefined {
    const { found, claims } = this.#authenticated();
    if (claims === undefined) return undefined;
    // The client owns header tokens; only the cookie, which this library manages, is renewed.
    const open = !this.#committed && !this.#response.headersSent;
    const renewed = found?.source === 'cookie' && open ? this.#runtime.tokens.renewal(claims) : undefined;
    if (renewed !== undefined) {
      try {
        this.#setTokenCookie(renewed.token, renewed.lifetime);
      } catch (error) {
        // A token too large for a cookie is still valid as it is: it just is not renewed.
        if (!(error instanceof SessionTooLargeError)) throw error;
      }
    }
    return claims.sub;
  }
}
