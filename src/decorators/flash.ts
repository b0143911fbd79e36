import { createParamDecorator } from 'routing-controllers';
import type { ParamDecorator } from './param-decorator';
import { sessionOfAction } from './session-of';

/**
 * Injects the request's pending flash messages (oldest first) as a `string[]` and consumes them,
 * so each is shown once (gin-jwt-session's GetFlashes).
 *
 * @example
 * ```ts
 * @Get('/login')
 * @Render('login')
 * loginPage(@Flash() flashes: string[]) {
 *   return { flashes };
 * }
 * ```
 */
export function Flash(): ParamDecorator {
  return createParamDecorator({ value: (action) => sessionOfAction(action).then((session) => session.flashes()) });
}
