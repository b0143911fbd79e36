import type { IncomingMessage } from 'node:http';
import { Interceptor, type Action, type InterceptorInterface } from 'routing-controllers';
import { Container, Service } from 'typedi';
import { SessionManager } from '../session/session-manager';

/**
 * Global interceptor (gin-jwt-session's ClearMiddleware): after an action succeeds, writes the
 * request's pending cookies and frees its per-request state. Register it with
 * `interceptors: [SessionInterceptor]`. It runs last among global interceptors; session changes
 * after it (in an action-level interceptor) throw {@link SessionCommittedError}.
 *
 * routing-controllers runs no interceptor when an action throws or answers through `@Res()`; on
 * those paths cookies are still written when the headers go out and the state is freed when the
 * response closes, so the library works without this interceptor too, only holding state longer.
 *
 * @example
 * ```ts
 * createExpressServer({ controllers: [HomeController], interceptors: [SessionInterceptor] });
 * ```
 */
@Service()
@Interceptor({ priority: -1_000_000 })
export class SessionInterceptor implements InterceptorInterface {
  /**
   * Waits for the request's store writes, releases its session state, and passes `content` through
   * unchanged; a store that cannot be reached turns the answer into a 503.
   */
  intercept(action: Action, content: unknown): unknown {
    const released = Container.get(SessionManager).releaseNow(action.request as IncomingMessage);
    return released === undefined ? content : released.then(() => content);
  }
}
