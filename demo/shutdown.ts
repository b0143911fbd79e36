import type { Server } from 'node:http';

/** How a graceful close ended. */
export type CloseOutcome = 'closed' | 'timed out';

/** How often connections that went idle during the close are swept. */
const SWEEP_INTERVAL_MS = 100;

/**
 * Stops accepting connections and waits for requests in flight to finish, like Go's
 * `server.Shutdown(ctx)` in the original; after `timeoutMs` the remaining connections are cut.
 * Idle keep-alive connections (a browser keeps some) would hold the close open until their own
 * timeout, and Node closes only those idle when `close()` is called, not those that go idle after
 * their last response: hence the sweep.
 */
export function closeGracefully(server: Server, timeoutMs: number): Promise<CloseOutcome> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_INTERVAL_MS);
    const timer = setTimeout(() => {
      clearInterval(sweep);
      server.closeAllConnections();
      resolve('timed out');
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(timer);
      resolve('closed');
    });
    server.closeIdleConnections();
  });
}
