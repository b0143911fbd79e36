import type { IncomingMessage, ServerResponse } from 'node:http';
import { UseBefore } from 'routing-controllers';
import { JwtRequiredError, JwtSessionHttpError } from '../errors/http-errors';
import type { SessionHandle } from '../session/session-handle';
import { withSession } from './with-session';

/**
 * Options of {@link RequireJwt}.
 *
 * @example
 * ```ts
 * @Get('/account')
 * @RequireJwt({ redirectTo: '/login', flash: 'Please log in first' }) // pages: 303 to the form
 * account(@JwtUser() username: string) {}
 *
 * @Get('/api/me')
 * @RequireJwt({ message: 'Send your API token as "Authorization: Bearer <token>"' }) // APIs: 401 JSON
 * me(@JwtUser() username: string) {}
 * ```
 */
export interface RequireJwtOptions {
  /**
   * For pages: redirect here with a 303 instead of answering 401 JSON.
   * @defaultValue `undefined` (answer 401)
   */
  redirectTo?: string;
  /**
   * With `redirectTo`: a flash message to show on the page redirected to.
   * @defaultValue `undefined`
   */
  flash?: string;
  /**
   * The message of the 401 answer.
   * @defaultValue the message of {@link JwtRequiredError}
   */
  message?: string;
}

/**
 * A decorator for a controller class or one of its methods.
 *
 * @example
 * ```ts
 * const membersOnly: ClassOrMethodDecorator = RequireJwt({ redirectTo: '/login' });
 *
 * @Service()
 * @Controller('/members')
 * @membersOnly // on the class: every action
 * class MembersController {}
 * ```
 */
export type ClassOrMethodDecorator = (target: object, propertyKey?: string | symbol, descriptor?: PropertyDescriptor) => void;

/**
 * Lets an action (or every action of a controller) run only for requests with a valid JWT.
 * Others get a 401 JSON body (`{ name, code, message }`, with `WWW-Authenticate: Bearer`), or with
 * `redirectTo`, a 303 redirect (after an optional flash). A composition of routing-controllers'
 * `UseBefore` with the library's guard; the verified user stays cached for `@JwtUser()`.
 *
 * @example
 * ```ts
 * @Service()
 * @JsonController('/api')
 * @RequireJwt()
 * class ApiController {
 *   @Get('/me')
 *   me(@JwtUser() username: string) {
 *     return { username };
 *   }
 * }
 *
 * @Service()
 * @Controller()
 * class PagesController {
 *   @Get('/account')
 *   @RequireJwt({ redirectTo: '/login', flash: 'Please log in first' })
 *   account(@JwtUser() username: string) {
 *     return `Account of ${username}`;
 *   }
 * }
 * ```
 */
export function RequireJwt(options: RequireJwtOptions = {}): ClassOrMethodDecorator {
  return UseBefore(jwtGuard(options)) as ClassOrMethodDecorator;
}

function jwtGuard(options: RequireJwtOptions) {
  return (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void => {
    const fail = (error: unknown): void => (error instanceof JwtSessionHttpError ? sendHttpError(response, error) : next(error));
    const decide = (session: SessionHandle): void => {
      if (session.username !== undefined) return next();
      if (options.redirectTo !== undefined) {
        if (options.flash !== undefined) session.flash(options.flash);
        response.writeHead(303, { Location: options.redirectTo }).end();
        return;
      }
      sendHttpError(response, new JwtRequiredError(options.message), { 'WWW-Authenticate': 'Bearer' });
    };
    try {
      const decided = withSession(request, response, decide);
      if (decided instanceof Promise) decided.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

function sendHttpError(response: ServerResponse, error: JwtSessionHttpError, headers: Record<string, string> = {}): void {
  response
    .writeHead(error.httpCode, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
    .end(JSON.stringify(error.toJSON()));
}
