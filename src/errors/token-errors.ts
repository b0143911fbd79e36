import { JwtSessionError } from './jwt-session-error';

/**
 * A token that is not a valid JWT for this configuration: bad signature, wrong algorithm,
 * malformed, missing or ill-typed claims, wrong issuer or audience, or not yet valid.
 *
 * @example
 * ```ts
 * await manager.validateToken('not-a-jwt').catch((error) => error instanceof InvalidTokenError); // true
 * ```
 */
export class InvalidTokenError extends JwtSessionError {
  /** Always `'ERR_JWT_INVALID'`. */
  readonly code = 'ERR_JWT_INVALID' as const;
}

/**
 * A token whose signature is valid but whose `exp` has passed (allowing for `jwt.clockTolerance`).
 *
 * @example
 * ```ts
 * const token = manager.generateToken('alice', 1);
 * // two seconds later:
 * await manager.validateToken(token).catch((error) => error instanceof TokenExpiredError); // true
 * ```
 */
export class TokenExpiredError extends JwtSessionError {
  /** Always `'ERR_JWT_EXPIRED'`. */
  readonly code = 'ERR_JWT_EXPIRED' as const;

  /**
   * @param expiredAt - the token's `exp` as a date.
   * @param options - `cause`: the underlying verifier error.
   */
  constructor(
    /** The token's `exp` as a date. */
    readonly expiredAt: Date,
    options?: { cause?: unknown },
  ) {
    super(`The token expired at ${expiredAt.toISOString()}`, options);
  }
}
