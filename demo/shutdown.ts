import type { Server } from 'node:http';

/** How a graceful close ended. */
export type CloseOutcome = 'closed' | 'timed out';

/**
 * Stops accepting connections and waits for requests in flight to finish, like Go's
 * `server.Shutdown(ctx)` in the original. Idle keep-alive connections are closed at once (a browser
 * would otherwise hold the server open); after `timeoutMs`, the remaining ones are cut.
 */
export function closeGracefully(server: Server, timeoutMs: number): Promise<CloseOutcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve('timed out');
    }, timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve('closed');
    });
    server.closeIdleConnections();
  });
}
