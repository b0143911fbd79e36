import type { ServerResponse } from 'node:http';
import { createParamDecorator } from 'routing-controllers';
import { JwtRequiredError } from '../errors/http-errors';
import type { ParamDecorator } from './param-decorator';
import { withActionSession } from './with-session';

/**
 * Options of {@link JwtUser}.
 *
 * @example
 * ```ts
 * @Get('/api/me')
 * me(@JwtUser({ required: true }) username: string) {
 *   return { username }; // never runs without a valid token: the request gets a 401
 * }
 * ```
 */
export interface JwtUserOptions {
  /**
   * Answer 401 (a {@link JwtRequiredError}) instead of running the action when no valid token comes
   * with the request. routing-controllers' own `required` does nothing for custom decorators.
   * @defaultValue `false`
   */
  required?: boolean;
}

/**
 * Injects the username (`sub`) of the request's valid JWT, read from `Authorization: Bearer` first,
 * else the token cookie; undefined when there is none, or a 401 with `{ required: true }`.
 *
 * @example
 * ```ts
 * @Get('/')
 * home(@JwtUser() username: string | undefined) {
 *   return username ? `Welcome ${username}` : 'Please log in';
 * }
 *
 * @Get('/api/me')
 * me(@JwtUser({ required: true }) username: string) {
 *   return { username };
 * }
 * ```
 */
export function JwtUser(options: JwtUserOptions = {}): ParamDecorator {
  return createParamDecorator({
    value: (action) =>
      withActionSession(action, ({ username }) => {
        if (username !== undefined || options.required !== true) return username;
        (action.response as ServerResponse).setHeader('WWW-Authenticate', 'Bearer');
        return Promise.reject(new JwtRequiredError());
      }),
  });
}
