import { HttpError } from 'routing-controllers';

/** JSON body of a 401 answer from {@link RequireJwt} or a required {@link JwtUser}. */
export interface JwtRequiredBody {
  /** Always `'JwtRequiredError'`. */
  name: 'JwtRequiredError';
  /** Always `'ERR_JWT_REQUIRED'`. */
  code: 'ERR_JWT_REQUIRED';
  /** Human-readable reason. */
  message: string;
}

/**
 * The 401 answer when an action needs a valid JWT and the request has none (missing, invalid or
 * expired: the client is not told which). routing-controllers' error handler serializes it
 * through {@link JwtRequiredError.toJSON}.
 *
 * @example
 * ```ts
 * if (!session.username) throw new JwtRequiredError();
 * ```
 */
export class JwtRequiredError extends HttpError {
  /** Always `'ERR_JWT_REQUIRED'`. */
  readonly code = 'ERR_JWT_REQUIRED' as const;

  /** @param message - the reason shown to the client. */
  constructor(message = 'A valid JWT is required: send "Authorization: Bearer <token>" or log in') {
    super(401, message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'JwtRequiredError';
  }

  /** The response body: name, code and message, nothing else. */
  toJSON(): JwtRequiredBody {
    return { name: 'JwtRequiredError', code: this.code, message: this.message };
  }
}
