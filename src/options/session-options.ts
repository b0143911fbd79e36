import type { KeyObject } from 'node:crypto';
import type { SessionStore } from '../store/session-store';

/**
 * Value of the `SameSite` cookie attribute.
 *
 * @example
 * ```ts
 * // An app embedded in other sites' pages needs cookies sent cross-site, which requires Secure:
 * manager.configure({ secret, cookie: { sameSite: 'none', secure: true } });
 * ```
 */
export type SameSite = 'lax' | 'strict' | 'none';

/**
 * Value of the `Priority` cookie attribute (honoured by Chromium browsers).
 *
 * @example
 * ```ts
 * manager.configure({ secret, cookie: { priority: 'high' } });
 * ```
 */
export type CookiePriority = 'low' | 'medium' | 'high';

/**
 * JWT signing algorithms this library accepts; `none` is never one of them.
 *
 * @example
 * ```ts
 * manager.configure({ secret, jwt: { algorithm: 'ES256', privateKey: readFileSync('jwt-private.pem', 'utf8') } });
 * ```
 */
export type JwtAlgorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512';

/**
 * Attributes of every cookie the library sets (token, session and flash cookies).
 *
 * @example
 * ```ts
 * manager.configure({
 *   secret,
 *   cookie: { sameSite: 'strict', maxAge: 8 * 3600, rolling: true, domain: 'example.com' },
 * });
 * ```
 */
export interface CookieOptions {
  /**
   * `Path` attribute.
   * @defaultValue `'/'`
   */
  path?: string;
  /**
   * `Domain` attribute; omitted by default, so the cookie is host-only.
   * @defaultValue `undefined`
   */
  domain?: string;
  /**
   * `Secure` attribute. `'auto'` sets it when the request came over HTTPS (Express's `req.secure`,
   * so it follows `trust proxy`) or when `NODE_ENV` is `production`.
   * @defaultValue `'auto'`
   */
  secure?: boolean | 'auto';
  /**
   * `HttpOnly` attribute: scripts in the page cannot read the cookie.
   * @defaultValue `true`
   */
  httpOnly?: boolean;
  /**
   * `SameSite` attribute. `'none'` requires `secure: true`.
   * @defaultValue `'lax'`
   */
  sameSite?: SameSite;
  /**
   * Lifetime of the session and flash cookies, in seconds; also sealed inside them, so an old
   * cookie replayed after this time reads as empty. The token cookie lives as long as its token.
   * @defaultValue `3600`
   */
  maxAge?: number;
  /**
   * Re-send the session cookie with a fresh expiry on every response of a request that read the
   * session (express-session's `rolling`), so active users keep their session. When off, a session
   * that was not changed is never re-sent.
   * @defaultValue `false`
   */
  rolling?: boolean;
  /**
   * `Partitioned` attribute (CHIPS): the browser keys the cookie by the top-level site, for apps
   * embedded in other sites. Requires `secure: true`.
   * @defaultValue `false`
   */
  partitioned?: boolean;
  /**
   * `Priority` attribute; omitted by default.
   * @defaultValue `undefined`
   */
  priority?: CookiePriority;
}

/**
 * How tokens are signed and checked.
 *
 * @example
 * ```ts
 * manager.configure({
 *   secret,
 *   jwt: { expiresIn: 900, renewWithin: 300, maxLifetime: 8 * 3600, issuer: 'my-app', audience: 'my-app-web' },
 * });
 * ```
 */
export interface JwtOptions {
  /**
   * The one algorithm tokens are signed with and the only one accepted when verifying:
   * the token's own header never chooses it.
   * @defaultValue `'HS256'`
   */
  algorithm?: JwtAlgorithm;
  /**
   * Token lifetime in seconds when `generateToken` or `login` is not given one.
   * @defaultValue `3600`
   */
  expiresIn?: number;
  /**
   * Expected and issued `iss` claim.
   * @defaultValue `undefined` (not checked)
   */
  issuer?: string;
  /**
   * Expected and issued `aud` claim.
   * @defaultValue `undefined` (not checked)
   */
  audience?: string;
  /**
   * Seconds of clock skew allowed when checking `exp` and `nbf`.
   * @defaultValue `0`
   */
  clockTolerance?: number;
  /**
   * HMAC secret(s) for HS256/384/512 when tokens must use a secret other than the cookie secret.
   * Same rules as the top-level `secret`: at least 32 characters, first signs, all verify.
   * @defaultValue the top-level `secret`
   */
  secret?: string | readonly string[];
  /**
   * Seconds before expiry within which a token that came in the token cookie is renewed: the
   * response carries a new token (same `sub` and custom claims, fresh `iat`, `exp` and `jti`) in the
   * cookie. Tokens from the `Authorization` header are never renewed (their client owns them).
   * Renewal happens on requests that read the user (`@JwtUser()`, `@RequireJwt()`, `session.username`).
   * @defaultValue `undefined` (no renewal)
   */
  renewWithin?: number;
  /**
   * Absolute limit in seconds, counted from the login (`auth_time`), past which renewal never
   * extends a token: the user must log in again.
   * @defaultValue `undefined` (no limit)
   */
  maxLifetime?: number;
  /** PEM text or KeyObject of the private key, for RS/PS/ES algorithms; needed to sign. */
  privateKey?: string | KeyObject;
  /** PEM text or KeyObject of the public key, for RS/PS/ES algorithms; derived from `privateKey` when absent. */
  publicKey?: string | KeyObject;
}

/**
 * Where a state-changing request carries its CSRF token.
 *
 * @example
 * ```ts
 * // The names an existing frontend already uses (Angular's HttpClient sends X-XSRF-TOKEN):
 * manager.configure({ secret, csrf: { header: 'x-xsrf-token', field: 'csrfToken' } });
 * ```
 */
export interface CsrfOptions {
  /**
   * Request header holding the token, for scripts (`fetch(url, { headers: { 'x-csrf-token': token } })`).
   * @defaultValue `'x-csrf-token'`
   */
  header?: string;
  /**
   * Field of a parsed form or JSON body holding the token, for HTML forms. The body must be parsed
   * before the library reads it (e.g. `app.use(express.urlencoded({ extended: false }))`).
   * @defaultValue `'_csrf'`
   */
  field?: string;
}

/**
 * Options of {@link SessionManager.configure}. Every field is optional; see each for its default.
 *
 * @example
 * ```ts
 * Container.get(SessionManager).configure({
 *   secret: [process.env.SESSION_SECRET!, process.env.OLD_SESSION_SECRET!],
 *   cookie: { sameSite: 'strict' },
 *   jwt: { expiresIn: 900, issuer: 'my-app' },
 * });
 * ```
 */
export interface SessionManagerOptions {
  /**
   * Secret(s) of at least 32 characters. With a list, the first seals cookies and signs tokens and
   * every listed one is accepted when reading, so keys can rotate without logging users out.
   * Cookie keys are derived from it with HKDF, one per purpose; HS tokens are signed with it as is.
   * When absent: a random per-process secret and one warning, or a {@link ConfigError} when
   * `NODE_ENV` is `production`.
   * @defaultValue `undefined`
   */
  secret?: string | readonly string[];
  /**
   * Name of the cookie holding the JWT.
   * @defaultValue `'jwtTokenSession'`
   */
  tokenName?: string;
  /**
   * Name of the encrypted session cookie.
   * @defaultValue `'jwtSession'`
   */
  sessionName?: string;
  /**
   * Name of the encrypted flash cookie.
   * @defaultValue `'jwtFlash'`
   */
  flashName?: string;
  /** Cookie attributes. */
  cookie?: CookieOptions;
  /** Token signing and checking. */
  jwt?: JwtOptions;
  /**
   * Where sessions live. By default (`undefined`), in sealed cookies: nothing to run, about 4 KB per
   * session, and no way to revoke a token before it expires. With a server-side store such as
   * {@link RedisSessionStore}, the session cookie holds only a sealed random id, sessions can be ended
   * from anywhere ({@link SessionManager.destroyAllSessions}) and tokens revoked ({@link SessionManager.revokeToken}).
   * @defaultValue `undefined` (the cookie store)
   */
  store?: SessionStore;
  /**
   * Opt-in CSRF defence: POST, PUT, PATCH and DELETE requests that are not authenticated by the
   * `Authorization` header must carry the session's CSRF token ({@link CsrfToken}) in a header or
   * body field, or they are answered 403 ({@link CsrfError}) before any decorator resolves.
   * `true` uses the default header and field names.
   * @defaultValue `false`
   */
  csrf?: boolean | CsrfOptions;
  /**
   * Clock in milliseconds since the epoch, used for token `iat`/`exp` and cookie expiry.
   * Inject one in tests to move time without sleeping.
   * @defaultValue `Date.now`
   */
  now?: () => number;
}
