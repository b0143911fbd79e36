import { HttpError } from 'routing-controllers';

/**
 * Codes of the HTTP answers this library gives by itself.
 *
 * @example
 * ```ts
 * const body = (await response.json()) as HttpErrorBody;
 * if (body.code === 'ERR_CSRF') showNotice('This form has expired: reload the page');
 * ```
 */
export type JwtSessionHttpErrorCode = 'ERR_JWT_REQUIRED' | 'ERR_CSRF' | 'ERR_SESSION_STORE_UNAVAILABLE';

/**
 * JSON body of a 401, 403 or 503 answer from the library: name, code and message, nothing else.
 *
 * @example
 * ```ts
 * const response = await fetch('/api/me');
 * if (response.status === 401) {
 *   const body = (await response.json()) as HttpErrorBody;
 *   // { name: 'JwtRequiredError', code: 'ERR_JWT_REQUIRED', message: 'A valid JWT is required: ...' }
 * }
 * ```
 */
export interface HttpErrorBody {
  /** The error class name, such as `'JwtRequiredError'`. */
  name: string;
  /** Stable machine-readable code. */
  code: JwtSessionHttpErrorCode;
  /** Human-readable reason. */
  message: string;
}

/**
 * Base of the library's HTTP answers: routing-controllers `HttpError`s that serialize to
 * {@link HttpErrorBody} and carry `status`, so plain express error handlers answer the right code too.
 *
 * @example
 * ```ts
 * // A plain express error handler, for errors thrown outside routing-controllers' own handling:
 * app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
 *   if (error instanceof JwtSessionHttpError) return res.status(error.status).json(error.toJSON());
 *   next(error);
 * });
 * ```
 */
export abstract class JwtSessionHttpError extends HttpError {
  /** Stable machine-readable code. */
  abstract readonly code: JwtSessionHttpErrorCode;

  /**
   * @param httpCode - the HTTP status.
   * @param message - the reason shown to the client.
   */
  constructor(httpCode: number, message: string) {
    super(httpCode, message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = new.target.name;
  }

  /** The HTTP status, under the name express's final handler reads. */
  get status(): number {
    return this.httpCode;
  }

  /** The response body. */
  toJSON(): HttpErrorBody {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/**
 * The 401 answer when an action needs a valid JWT and the request has none (missing, invalid or
 * expired: the client is not told which).
 *
 * @example
 * ```ts
 * if (!session.username) throw new JwtRequiredError();
 * ```
 */
export class JwtRequiredError extends JwtSessionHttpError {
  /** Always `'ERR_JWT_REQUIRED'`. */
  readonly code = 'ERR_JWT_REQUIRED' as const;

  /** @param message - the reason shown to the client. */
  constructor(message = 'A valid JWT is required: send "Authorization: Bearer <token>" or log in') {
    super(401, message);
  }
}

/**
 * The 403 answer to a state-changing request (POST, PUT, PATCH, DELETE) authenticated by cookie
 * whose CSRF token is missing or wrong, when the `csrf` option is on.
 *
 * @example
 * ```ts
 * // a form rendered without <input type="hidden" name="_csrf" value="..."> is answered with:
 * // 403 {"name":"CsrfError","code":"ERR_CSRF","message":"..."}
 * ```
 */
export class CsrfError extends JwtSessionHttpError {
  /** Always `'ERR_CSRF'`. */
  readonly code = 'ERR_CSRF' as const;

  constructor() {
    super(403, 'The CSRF token of this request is missing or wrong: reload the form and send it again');
  }
}
