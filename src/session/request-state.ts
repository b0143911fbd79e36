import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CsrfError } from '../errors/http-errors';
import { JwtSessionError } from '../errors/jwt-session-error';
import { SessionCommittedError } from '../errors/session-errors';
import type { TokenClaims } from '../jwt/token-claims';
import { extractToken, type FoundToken } from '../jwt/token-extraction';
import { CookieJar } from './cookie-jar';
import { flashCodec, type FlashEntry } from './flash-bag';
import type { JsonValue } from './json-value';
import { appendSetCookie } from './on-headers';
import { SealedSlot } from './sealed-slot';
import { sessionDataCodec, type SessionContent, type SessionEntries } from './session-data';
import type { SessionRuntime } from './session-runtime';

/** Methods that change state, so need a CSRF token when the defence is on. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Compares two secrets in time that does not depend on where they differ. */
function equalSecrets(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Options of {@link SessionHandle.login}. */
export interface LoginOptions {
  /** Token lifetime in seconds; also the token cookie's `Max-Age`. Defaults to `jwt.expiresIn`. */
  expiresIn?: number;
  /** Custom claims to sign into the token beside `sub`, `iat`, `exp` and `jti`. */
  claims?: Readonly<Record<string, JsonValue>>;
}

/**
 * Everything the library holds for one request: the session and flash slots, who the token
 * says the user is, a pending token cookie, and whether the headers (and so the cookies) went out.
 */
export class RequestState {
  readonly data: SealedSlot<SessionContent>;
  readonly flashes: SealedSlot<readonly FlashEntry[]>;
  readonly #runtime: SessionRuntime;
  readonly #request: IncomingMessage;
  readonly #response: ServerResponse;
  readonly #jar: CookieJar;
  /** Boxed so that "not verified yet" differs from "verified: nobody". */
  #user: { readonly name: string | undefined } | undefined;
  #tokenCookie: string | undefined;
  #committed = false;

  constructor(runtime: SessionRuntime, request: IncomingMessage, response: ServerResponse) {
    this.#runtime = runtime;
    this.#request = request;
    this.#response = response;
    this.#jar = new CookieJar(runtime, request);
    this.data = new SealedSlot(runtime.options.sessionName, sessionDataCodec, this.#jar, runtime.options.cookie.rolling);
    this.flashes = new SealedSlot(runtime.options.flashName, flashCodec, this.#jar);
  }

  /** Whether the cookies went out (or the request ended): no change can reach the client any more. */
  get committed(): boolean {
    return this.#committed;
  }

  /** Throws {@link SessionCommittedError} once changes can no longer reach the client. */
  assertOpen(): void {
    if (this.#committed) throw new SessionCommittedError();
  }

  /** The app's session entries. */
  get entries(): SessionEntries {
    return this.data.value.entries;
  }

  /** Replaces the app's session entries. @throws {@link SessionTooLargeError} when they would not fit. */
  setEntries(next: SessionEntries): void {
    this.assertOpen();
    this.data.replace({ ...this.data.value, entries: next });
  }

  /** The session's CSRF token, made (and stored in the session cookie) on first use. */
  csrfToken(): string {
    const existing = this.data.value.csrf;
    if (existing !== undefined) return existing;
    this.assertOpen();
    const token = randomBytes(32).toString('base64url');
    this.data.replace({ ...this.data.value, csrf: token });
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
    const expected = this.data.value.csrf;
    const header = this.#request.headers[csrf.header];
    const body = (this.#request as IncomingMessage & { body?: unknown }).body;
    const field = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[csrf.field] : undefined;
    const sent = typeof header === 'string' ? header : field;
    return expected !== undefined && typeof sent === 'string' && equalSecrets(expected, sent) ? undefined : new CsrfError();
  }

  /**
   * The username of the request's token, verified on first use; undefined when none is valid.
   * A cookie token close to expiry is renewed then (see `jwt.renewWithin`).
   */
  get username(): string | undefined {
    this.#user ??= { name: this.#authenticate() };
    return this.#user.name;
  }

  /** Issues a token for `username` into the token cookie, makes it this request's user, and regenerates the session. */
  login(username: string, options: LoginOptions = {}): string {
    this.assertOpen();
    const token = this.#runtime.tokens.sign(username, options.expiresIn, options.claims);
    this.#setTokenCookie(token, options.expiresIn ?? this.#runtime.options.jwt.expiresIn);
    this.regenerate();
    this.#user = { name: username };
    return token;
  }

  /** Forgets the user, the session data and the flashes, and deletes their three cookies. */
  logout(): void {
    this.destroy();
    this.#tokenCookie = this.#jar.expired(this.#runtime.options.tokenName);
    this.#user = { name: undefined };
  }

  /** Seals the session data afresh, kept as it is: a new session value for the same data. */
  regenerate(): void {
    this.assertOpen();
    this.data.replace(this.data.value);
  }

  /** Ends the session: empties its data and flashes and deletes their cookies; the login stays. */
  destroy(): void {
    this.assertOpen();
    this.data.discard();
    this.flashes.discard();
  }

  /** Writes the pending `Set-Cookie` headers, once; later changes throw {@link SessionCommittedError}. */
  commit(): void {
    if (this.#committed) return;
    this.#committed = true;
    if (this.#response.headersSent) return;
    const cookies = [this.#tokenCookie, this.data.setCookie(), this.flashes.setCookie()].filter(
      (cookie): cookie is string => cookie !== undefined,
    );
    if (cookies.length > 0) appendSetCookie(this.#response, cookies);
  }

  #setTokenCookie(token: string, maxAge: number): void {
    const name = this.#runtime.options.tokenName;
    this.#jar.assertFits(name, token.length, maxAge);
    this.#tokenCookie = this.#jar.plain(name, token, maxAge);
  }

  #foundToken(): FoundToken | undefined {
    return extractToken(this.#request.headers, () => this.#jar.raw(this.#runtime.options.tokenName));
  }

  #authenticate(): string | undefined {
    const found = this.#foundToken();
    if (found === undefined) return undefined;
    const { tokens } = this.#runtime;
    let claims: TokenClaims;
    try {
      claims = tokens.verify(found.token);
    } catch (error) {
      if (error instanceof JwtSessionError) return undefined;
      throw error;
    }
    // The client owns header tokens; only the cookie, which this library manages, is renewed.
    const renewed = found.source === 'cookie' && !this.#committed ? tokens.renewal(claims) : undefined;
    if (renewed !== undefined) this.#setTokenCookie(renewed.token, renewed.lifetime);
    return claims.sub;
  }
}
