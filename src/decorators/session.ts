import { createParamDecorator } from 'routing-controllers';
import type { ParamDecorator } from './param-decorator';
import { withActionSession } from './with-session';

/**
 * Injects the request's {@link SessionHandle}, or with a `key`, the value stored under it
 * (undefined when absent). Import it from this package: routing-controllers exports its own
 * `Session`, which reads express-session instead.
 *
 * @param key - a session key whose value to inject instead of the handle.
 *
 * @example
 * ```ts
 * import { Session, SessionHandle } from 'routing-controllers-jwt-session';
 *
 * @Service()
 * @JsonController()
 * class CartController {
 *   @Post('/cart')
 *   add(@Session() session: SessionHandle<{ cart: string[] }>, @Body() item: { id: string }) {
 *     session.set('cart', [...(session.get('cart') ?? []), item.id]);
 *     return session.get('cart');
 *   }
 *
 *   @Get('/cart')
 *   list(@Session('cart') cart: string[] | undefined) {
 *     return cart ?? [];
 *   }
 * }
 * ```
 */
export function Session(key?: string): ParamDecorator {
  return createParamDecorator({
    value: (action) => withActionSession(action, (session) => (key === undefined ? session : session.get(key))),
  });
}
