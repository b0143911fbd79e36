import { JwtSessionHttpError } from './http-errors';

/**
 * The 503 answer when the session store (such as Redis) cannot be reached within its time limit:
 * the request needed its session, so it cannot be served now. Requests that do not use the session
 * are unaffected, and service comes back by itself with the store.
 *
 * @example
 * ```ts
 * // while Redis is down, an action with @Session() answers:
 * // 503 {"name":"SessionStoreUnavailableError","code":"ERR_SESSION_STORE_UNAVAILABLE","message":"..."}
 * ```
 */
export class SessionStoreUnavailableError extends JwtSessionHttpError {
  /** Always `'ERR_SESSION_STORE_UNAVAILABLE'`. */
  readonly code = 'ERR_SESSION_STORE_UNAVAILABLE' as const;

  /** @param cause - the store's own error, kept non-enumerable so it never reaches a response. */
  constructor(cause?: unknown) {
    super(503, 'The session store is unavailable; try again shortly');
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, enumerable: false, configurable: true });
  }
}
