import { JwtSessionError } from './jwt-session-error';

/**
 * A programmer's mistake in options or arguments: thrown by {@link SessionManager.configure},
 * {@link SessionManager.generateToken} and friends. The message names the option, never its secret value.
 *
 * @example
 * ```ts
 * try {
 *   manager.configure({ secret: 'too short' });
 * } catch (error) {
 *   if (error instanceof ConfigError) console.error(error.option); // 'secret'
 * }
 * ```
 */
export class ConfigError extends JwtSessionError {
  /** Always `'ERR_JWT_SESSION_CONFIG'`. */
  readonly code = 'ERR_JWT_SESSION_CONFIG' as const;

  /**
   * @param option - dotted path of the option or argument at fault, such as `cookie.sameSite`.
   * @param problem - what is wrong with it.
   */
  constructor(
    /** Dotted path of the option or argument at fault, such as `cookie.sameSite`. */
    readonly option: string,
    problem: string,
  ) {
    super(`Invalid option "${option}": ${problem}`);
  }
}
