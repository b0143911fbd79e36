import { createParamDecorator } from 'routing-controllers';
import type { ParamDecorator } from './param-decorator';
import { withActionSession } from './with-session';

/**
 * Injects the session's CSRF token, for the `csrf` option's check of state-changing requests: put
 * it in a hidden form field (`_csrf` by default) or send it in the `x-csrf-token` header.
 *
 * @example
 * ```ts
 * @Get('/login')
 * @Render('login')
 * loginPage(@CsrfToken() csrfToken: string, @Flash() flashes: string[]) {
 *   return { csrfToken, flashes }; // <input type="hidden" name="_csrf" value="<%= csrfToken %>">
 * }
 * ```
 */
export function CsrfToken(): ParamDecorator {
  return createParamDecorator({ value: (action) => withActionSession(action, (session) => session.csrfToken()) });
}
