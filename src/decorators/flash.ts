import { createParamDecorator } from 'routing-controllers';
import type { ParamDecorator } from './param-decorator';
import { withActionSession } from './with-session';

/**
 * Injects the request's pending flash messages (oldest first) as an array and consumes them, so
 * each is shown once (gin-jwt-session's GetFlashes). With a category, injects and consumes only the
 * messages flashed with that category, as connect-flash's `req.flash('error')`.
 *
 * @param category - the category to read; all categories when absent.
 *
 * @example
 * ```ts
 * @Get('/login')
 * @Render('login')
 * loginPage(@Flash('error') errors: string[], @Flash() others: string[]) {
 *   return { errors, others };
 * }
 * ```
 */
export function Flash(category?: string): ParamDecorator {
  return createParamDecorator({ value: (action) => withActionSession(action, (session) => session.flashes(category)) });
}
