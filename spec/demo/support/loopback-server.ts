import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** An app served on 127.0.0.1 only (supertest's own `listen(0)` would bind every interface). */
export interface LoopbackServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `app` on 127.0.0.1 and a port the system picked. */
export function serveOnLoopback(app: Express): Promise<LoopbackServer> {
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => close(server) });
    });
    server.once('error', reject);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // supertest's agents keep connections alive; they must not hold the close open.
    server.closeAllConnections();
  });
}
