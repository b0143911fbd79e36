import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Action } from 'routing-controllers';
import { Container } from 'typedi';
import { SessionHandle } from '../session/session-handle';
import { SessionManager } from '../session/session-manager';

/**
 * Applies `use` to the request's session handle, from the {@link SessionManager} in typedi's
 * container: resolved per request (not at import), and from typedi itself, so the instance the app
 * configured through `Container.get(SessionManager)` is used even when routing-controllers was given
 * no container. With the cookie store the handle is ready at once and `use` runs synchronously;
 * with a server-side store it runs once the session is loaded.
 */
export function withSession<R>(
  request: IncomingMessage,
  response: ServerResponse,
  use: (session: SessionHandle) => R | Promise<R>,
): R | Promise<R> {
  const session = Container.get(SessionManager).sessionNow(request, response);
  return session instanceof SessionHandle ? use(session) : session.then(use);
}

/** {@link withSession} for a routing-controllers action. */
export function withActionSession<R>(action: Action, use: (session: SessionHandle) => R | Promise<R>): R | Promise<R> {
  return withSession(action.request as IncomingMessage, action.response as ServerResponse, use);
}
