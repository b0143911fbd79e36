import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SessionHandle } from '../../src/session/session-handle';
import type { SessionManager } from '../../src/session/session-manager';

/** What a raw handler returns: a JSON body to send, or nothing when it answered itself. */
type Handler = (session: SessionHandle, request: IncomingMessage, response: ServerResponse) => unknown;

/**
 * A plain node:http server (no express, no routing-controllers) that hands each request's session
 * to `handler` and sends its result as JSON; a thrown error becomes a 500 with its name and code.
 */
export function rawServer(manager: SessionManager, handler: Handler): Server {
  return createServer((request, response) => {
    manager
      .session(request, response)
      .then((session) => handler(session, request, response))
      .then((body) => {
        if (response.headersSent || response.writableEnded) return;
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify(body ?? null));
      })
      .catch((error: Error & { code?: string }) => {
        if (response.headersSent) return;
        response.statusCode = 500;
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify({ name: error.name, code: error.code }));
      });
  });
}
