import 'reflect-metadata';
import type { Express } from 'express';
import { createExpressServer, Interceptor, useContainer, type InterceptorInterface } from 'routing-controllers';
import { Container, Service } from 'typedi';
import { SessionInterceptor } from '../../src/interceptor/session-interceptor';
import type { SessionManagerOptions } from '../../src/options/session-options';
import { SessionManager } from '../../src/session/session-manager';
import { SECRET } from './secrets';

useContainer(Container);

/**
 * An interceptor that changes nothing. routing-controllers runs every global interceptor (ours
 * included) when the list is empty, so an app "without SessionInterceptor" lists this one instead.
 */
@Service()
@Interceptor()
export class PassThroughInterceptor implements InterceptorInterface {
  intercept(_action: unknown, content: unknown): unknown {
    return content;
  }
}

/** Options for {@link buildApp}. */
export interface BuildAppOptions {
  /** Register {@link SessionInterceptor}; default true. */
  interceptor?: boolean;
  /** Options for the shared SessionManager; the secret defaults to {@link SECRET}. */
  session?: SessionManagerOptions;
}

/** The typedi SessionManager every decorator uses, configured afresh. */
export function configureManager(options: SessionManagerOptions = {}): SessionManager {
  return Container.get(SessionManager).configure({ secret: SECRET, ...options });
}

/**
 * A real express app built by routing-controllers, with the shared session manager configured.
 * Suites with non-default options must call it in `before`: mocha collects every file's
 * `describe` bodies before running tests, so a later file's configuration would otherwise win.
 */
export function buildApp(controllers: Function[], options: BuildAppOptions = {}): Express {
  configureManager(options.session);
  const app = createExpressServer({
    controllers,
    interceptors: options.interceptor === false ? [PassThroughInterceptor] : [SessionInterceptor],
    development: false,
  }) as Express;
  // routing-controllers passes handled errors on to express, whose final handler logs them unless env is 'test'.
  app.set('env', 'test');
  return app;
}
