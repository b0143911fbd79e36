/**
 * Stable codes of the errors this library throws, one per error class.
 * Branch on these (or on `instanceof`), never on message text.
 *
 * @example
 * ```ts
 * try {
 *   await manager.validateToken(token);
 * } catch (error) {
 *   if (error instanceof JwtSessionError && error.code === 'ERR_JWT_EXPIRED') return askForANewToken();
 *   throw error;
 * }
 * ```
 */
export type JwtSessionErrorCode =
  | 'ERR_JWT_SESSION_CONFIG'
  | 'ERR_JWT_INVALID'
  | 'ERR_JWT_EXPIRED'
  | 'ERR_SESSION_TOO_LARGE'
  | 'ERR_SESSION_COMMITTED';

/**
 * Base class of every error this library throws, except the HTTP answer {@link JwtRequiredError}.
 *
 * @example
 * ```ts
 * try {
 *   await manager.validateToken(token);
 * } catch (error) {
 *   if (error instanceof JwtSessionError) console.log(error.code);
 * }
 * ```
 */
export abstract class JwtSessionError extends Error {
  /** Stable machine-readable code of this kind of error. */
  abstract readonly code: JwtSessionErrorCode;

  /**
   * @param message - what went wrong, naming the option or input at fault.
   * @param options - `cause`: the lower-level error, kept non-enumerable so that error
   *   serializers (such as routing-controllers' default handler) never copy it into a response.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = new.target.name;
    if (options?.cause !== undefined) {
      Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false, configurable: true });
    }
  }
}
