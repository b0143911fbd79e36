import { JwtSessionError } from './jwt-session-error';

/**
 * Thrown by the call that would make a cookie larger than a browser keeps (4096 bytes with name
 * and attributes). The change is not applied: what the session held before stays as it was.
 *
 * @example
 * ```ts
 * try {
 *   session.set('notes', hugeText);
 * } catch (error) {
 *   if (error instanceof SessionTooLargeError) session.flash('Your notes are too long to keep');
 * }
 * ```
 */
export class SessionTooLargeError extends JwtSessionError {
  /** Always `'ERR_SESSION_TOO_LARGE'`. */
  readonly code = 'ERR_SESSION_TOO_LARGE' as const;

  /**
   * @param cookieName - the cookie that would overflow.
   * @param size - the `Set-Cookie` value it would need, in bytes.
   * @param limit - the most a browser keeps, in bytes.
   */
  constructor(
    /** The cookie that would overflow. */
    readonly cookieName: string,
    /** The `Set-Cookie` value it would need, in bytes. */
    readonly size: number,
    /** The most a browser keeps, in bytes. */
    readonly limit: number,
  ) {
    super(`Cookie "${cookieName}" would take ${size} bytes, more than the ${limit} a browser keeps`);
  }
}

/**
 * Thrown when a session, flash or login changes after the response headers went out (or after the
 * request ended): the change could never reach the client.
 *
 * @example
 * ```ts
 * res.send('done');
 * session.set('late', true); // throws SessionCommittedError
 * ```
 */
export class SessionCommittedError extends JwtSessionError {
  /** Always `'ERR_SESSION_COMMITTED'`. */
  readonly code = 'ERR_SESSION_COMMITTED' as const;

  constructor() {
    super('The session of this request can no longer change: its response headers were already sent');
  }
}
