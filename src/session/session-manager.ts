import type { IncomingMessage, ServerResponse } from 'node:http';
import { Service } from 'typedi';
import { DecodedCache } from '../cache/decoded-cache';
import { CookieSealer, OPENED_CACHE_SIZE } from '../crypto/cookie-sealer';
import { KeyRing } from '../crypto/key-ring';
import { ConfigError } from '../errors/config-error';
import { InvalidTokenError } from '../errors/token-errors';
import { TokenService } from '../jwt/token-service';
import { resolveOptions } from '../options/resolve-options';
import type { SessionManagerOptions } from '../options/session-options';
import type { SessionStore } from '../store/session-store';
import { storeCall } from '../store/store-call';
import type { JsonValue } from './json-value';
import { RequestRegistry } from './request-registry';
import { RequestState } from './request-state';
import type { SessionHandle } from './session-handle';
import type { SessionRuntime } from './session-runtime';

let warnedAboutGeneratedSecret = false;

/**
 * The library's service: configuration, tokens, and each request's {@link SessionHandle}.
 * A typedi singleton: configure it once at start-up through `Container.get(SessionManager)`; the
 * decorators resolve the same instance from typedi's container when a request needs it.
 *
 * @example
 * ```ts
 * import 'reflect-metadata';
 * import { Container } from 'typedi';
 * import { createExpressServer, useContainer } from 'routing-controllers';
 * import { SessionInterceptor, SessionManager } from 'routing-controllers-jwt-session';
 *
 * useContainer(Container);
 * Container.get(SessionManager).configure({ secret: process.env.SESSION_SECRET });
 * const app = createExpressServer({ controllers: [HomeController], interceptors: [SessionInterceptor] });
 * ```
 */
@Service()
export class SessionManager {
  #runtime: SessionRuntime | undefined;
  readonly #registry = new RequestRegistry();

  /**
   * Validates `options`, fills in the defaults, and applies them to every request from now on.
   * Without a secret it makes a random per-process secret and warns once (sessions and tokens then
   * end with the process); with `NODE_ENV=production` a missing secret is an error.
   * Calling it is optional outside production: the first request configures the defaults.
   *
   * @throws {@link ConfigError} naming the first option that is wrong.
   */
  configure(options: SessionManagerOptions = {}): this {
    this.#runtime = buildRuntime(options);
    return this;
  }

  /**
   * A signed JWT for `username` (its `sub`), with `iat`, `exp`, a random `jti`, and `iss`/`aud`
   * when configured, plus any custom `claims` (gin-jwt-session's GenerateJWTToken).
   *
   * @param expiresIn - lifetime in seconds; defaults to `jwt.expiresIn`.
   * @throws {@link ConfigError} for an empty username, a bad lifetime or a reserved claim name.
   *
   * @example
   * ```ts
   * const token = manager.generateToken('alice', 900, { role: 'admin' });
   * ```
   */
  generateToken(username: string, expiresIn?: number, claims?: Readonly<Record<string, JsonValue>>): string {
    return this.#current().tokens.sign(username, expiresIn, claims);
  }

  /**
   * The username (`sub`) of `token` when it is valid now (gin-jwt-session's ValidateJWTToken). The
   * algorithm is the configured one, never the token header's; `alg: none` is always rejected.
   *
   * With a server-side store it also checks that the token was not revoked.
   *
   * @throws {@link TokenExpiredError} when it expired; {@link InvalidTokenError} for anything else wrong
   *   (revoked included); {@link SessionStoreUnavailableError} when the store cannot be reached.
   *
   * @example
   * ```ts
   * const username = await manager.validateToken(request.headers['x-token'] as string);
   * ```
   */
  async validateToken(token: string): Promise<string> {
    const { tokens, options } = this.#current();
    const claims = tokens.verify(token);
    if (options.store !== undefined) {
      const query = { jti: claims.jti, sub: claims.sub, iat: claims.iat };
      const { tokenRevoked } = await storeCall(options.store.load(undefined, query));
      if (tokenRevoked) throw new InvalidTokenError('The token was revoked');
    }
    return claims.sub;
  }

  /**
   * Revokes `token` on every instance until it expires: `validateToken`, `@JwtUser()` and
   * `@RequireJwt()` reject it from now on. `logout()` does this for the request's own token.
   * An invalid or expired token needs no revoking and is ignored.
   *
   * @throws {@link ConfigError} without a server-side `store`: the cookie store cannot revoke.
   * @throws {@link SessionStoreUnavailableError} when the store cannot be reached.
   *
   * @example
   * ```ts
   * await Container.get(SessionManager).revokeToken(stolenToken);
   * ```
   */
  async revokeToken(token: string): Promise<void> {
    const { tokens, options } = this.#current();
    const store = requireStore(options.store, 'revokeToken');
    const claims = tokens.claimsOf(token);
    if (claims?.jti === undefined) return;
    await storeCall(store.revoke(claims.jti, claims.exp, Math.floor(options.now() / 1000)));
  }

  /**
   * Logs `username` out everywhere: deletes every session of theirs in the store and revokes every
   * token issued to them until now (tokens issued in this same second included).
   *
   * @throws {@link ConfigError} without a server-side `store`.
   * @throws {@link SessionStoreUnavailableError} when the store cannot be reached.
   *
   * @example
   * ```ts
   * @Post('/account/password')
   * async changePassword(@JwtUser({ required: true }) username: string) {
   *   await Container.get(SessionManager).destroyAllSessions(username);
   * }
   * ```
   */
  async destroyAllSessions(username: string): Promise<void> {
    const { options } = this.#current();
    const store = requireStore(options.store, 'destroyAllSessions');
    await storeCall(store.destroyAll(username, Math.floor(options.now() / 1000)));
  }

  /**
   * The {@link SessionHandle} of this request: the same object `@Session()` injects. For code
   * outside controllers, such as express middlewares.
   *
   * @typeParam T - the shape of the session data.
   * @throws {@link SessionCommittedError} (rejected) when the request's state was already released.
   *
   * @example
   * ```ts
   * app.use(async (req, res, next) => {
   *   const session = await Container.get(SessionManager).session(req, res);
   *   res.locals.user = session.username;
   *   next();
   * });
   * ```
   */
  session<T extends object = Record<string, JsonValue>>(request: IncomingMessage, response: ServerResponse): Promise<SessionHandle<T>> {
    return Promise.resolve(this.sessionNow<T>(request, response));
  }

  /**
   * @internal The handle itself when it is ready without waiting (the cookie store), else the promise
   * {@link SessionManager.session} returns: the decorators use it to spare every request a round of promises.
   */
  sessionNow<T extends object = Record<string, JsonValue>>(
    request: IncomingMessage,
    response: ServerResponse,
  ): SessionHandle<T> | Promise<SessionHandle<T>> {
    let handle: SessionHandle | Promise<SessionHandle>;
    try {
      const runtime = this.#current();
      handle = this.#registry.handleNow(request, response, (hold) => new RequestState(runtime, request, response, hold));
    } catch (error) {
      return Promise.reject(error);
    }
    // One handle serves every data shape: the type parameter only narrows what callers see.
    return handle as unknown as SessionHandle<T> | Promise<SessionHandle<T>>;
  }

  /**
   * Waits until the request's session writes have landed in the store (if there is one; a failure
   * rejects with {@link SessionStoreUnavailableError}), then writes its pending cookies (unless its
   * headers already went out) and frees its per-request state: what {@link SessionInterceptor} does
   * after each action, and what happens by itself when a response closes. Later changes to its
   * handle throw {@link SessionCommittedError}.
   */
  async release(request: IncomingMessage): Promise<void> {
    await this.releaseNow(request);
  }

  /**
   * @internal {@link SessionManager.release}, done at once when no store writes are pending (the cookie
   * store): undefined then, else the promise. The interceptor uses it to add no promise to a request.
   */
  releaseNow(request: IncomingMessage): Promise<void> | undefined {
    const pending = this.#registry.pendingWrites(request);
    if (pending === undefined) {
      this.#registry.release(request);
      return undefined;
    }
    return pending.then(() => this.#registry.release(request));
  }

  /**
   * How many requests hold session changes not yet released (cookies to write, store writes to wait
   * for) right now; 0 when the server is idle. For leak checks and graceful shutdown. A request that
   * only reads its session holds nothing beyond its own lifetime and is not counted.
   */
  get activeRequests(): number {
    return this.#registry.active;
  }

  #current(): SessionRuntime {
    this.#runtime ??= buildRuntime({});
    return this.#runtime;
  }
}

function requireStore(store: SessionStore | undefined, method: string): SessionStore {
  if (store === undefined) throw new ConfigError('store', `${method}() needs a server-side store such as RedisSessionStore`);
  return store;
}

function buildRuntime(options: SessionManagerOptions): SessionRuntime {
  const resolved = resolveOptions(options, { production: process.env.NODE_ENV === 'production' });
  if (resolved.secretGenerated && !warnedAboutGeneratedSecret) {
    warnedAboutGeneratedSecret = true;
    process.emitWarning(
      'No secret configured: using a random per-process secret, so sessions and tokens end when the process does. ' +
        'Pass configure({ secret }) with at least 32 characters (e.g. from SESSION_SECRET).',
      { type: 'JwtSessionWarning', code: 'JWT_SESSION_GENERATED_SECRET' },
    );
  }
  return {
    options: resolved,
    sealer: new CookieSealer(new KeyRing(resolved.secrets, 'cookie')),
    tokens: new TokenService(resolved.jwt, resolved.now),
    decodedSessions: new DecodedCache(OPENED_CACHE_SIZE),
  };
}
