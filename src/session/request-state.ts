import type { IncomingMessage, ServerResponse } from 'node:http';
import { JwtSessionError } from '../errors/jwt-session-error';
import { SessionCommittedError } from '../errors/session-errors';
import { extractToken } from '../jwt/token-extraction';
import { CookieJar } from './cookie-jar';
import { flashCodec } from './flash-bag';
import type { JsonValue } from './json-value';
import { appendSetCookie } from './on-headers';
import { SealedSlot } from './sealed-slot';
import { sessionDataCodec, type SessionEntries } from './session-data';
import type { SessionRuntime } from './session-runtime';

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
  readonly data: SealedSlot<SessionEntries>;
  readonly flashes: SealedSlot<readonly string[]>;
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
    this.data = new SealedSlot(runtime.options.sessionName, sessionDataCodec, this.#jar);
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

  /** The username of the request's token, verified on first use; undefined when none is valid. */
  get username(): string | undefined {
    this.#user ??= { name: this.#verifiedUsername() };
    return this.#user.name;
  }

  /** Issues a token for `username` into the token cookie and makes it this request's user. */
  login(username: string, options: LoginOptions = {}): string {
    this.assertOpen();
    const { tokens, options: config } = this.#runtime;
    const token = tokens.sign(username, options.expiresIn, options.claims);
    const maxAge = options.expiresIn ?? config.jwt.expiresIn;
    this.#jar.assertFits(config.tokenName, token.length, maxAge);
    this.#tokenCookie = this.#jar.plain(config.tokenName, token, maxAge);
    this.#user = { name: username };
    return token;
  }

  /** Forgets the user, the session data and the flashes, and deletes their three cookies. */
  logout(): void {
    this.assertOpen();
    this.data.discard();
    this.flashes.discard();
    this.#tokenCookie = this.#jar.expired(this.#runtime.options.tokenName);
    this.#user = { name: undefined };
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

  #verifiedUsername(): string | undefined {
    const token = extractToken(this.#request.headers, () => this.#jar.raw(this.#runtime.options.tokenName));
    if (token === undefined) return undefined;
    try {
      return this.#runtime.tokens.verify(token).sub;
    } catch (error) {
      if (error instanceof JwtSessionError) return undefined;
      throw error;
    }
  }
}
