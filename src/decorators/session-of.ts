import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Action } from 'routing-controllers';
import { Container } from 'typedi';
import type { JsonValue } from '../session/json-value';
import type { SessionHandle } from '../session/session-handle';
import { SessionManager } from '../session/session-manager';

/**
 * The request's session handle, from the {@link SessionManager} in typedi's container: resolved
 * per request (not at import), and from typedi itself, so the instance the app configured through
 * `Container.get(SessionManager)` is used even when routing-controllers was given no container.
 */
export function sessionOf<T extends object = Record<string, JsonValue>>(
  request: IncomingMessage,
  response: ServerResponse,
): Promise<SessionHandle<T>> {
  return Container.get(SessionManager).session<T>(request, response);
}

/** {@link sessionOf} for a routing-controllers action. */
export function sessionOfAction(action: Action): Promise<SessionHandle> {
  return sessionOf(action.request as IncomingMessage, action.response as ServerResponse);
}
