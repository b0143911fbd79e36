import 'reflect-metadata';
import type { Express } from 'express';
import { createExpressServer, useContainer } from 'routing-controllers';
import { Container } from 'typedi';
import { SessionInterceptor } from '../../src/interceptor/session-interceptor';
import type { SessionManagerOptions } from '../../src/options/session-options';
import { SessionManager } from '../../src/session/session-manager';
import { SECRET } from './secrets';

useContainer(Container);

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

/** A real express app built by routing-controllers, with the session manager configured. */
export function buildApp(controllers: Function[], options: BuildAppOptions = {}): Express {
  configureManager(options.session);
  return createExpressServer({
    controllers,
    interceptors: options.interceptor === false ? [] : [SessionInterceptor],
    development: false,
  }) as Express;
}
