import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FromServer, ToServer } from '../ipc';

/** Counters a server adds to its usage reports. */
export type ExtraCounters = () => Promise<Record<string, number>> | Record<string, number>;

/**
 * Runs `handler` on 127.0.0.1 (a free port) in this child process and answers the orchestrator's
 * IPC messages. The process ends when told to, or when the orchestrator goes away, so no server
 * outlives a run.
 */
export function serve(handler: RequestListener, extra: ExtraCounters = () => ({})): void {
  const send = (message: FromServer): void => {
    process.send?.(message);
  };
  const server = createServer(handler);
  server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: (server.address() as AddressInfo).port }));
  process.on('message', (message: ToServer) => {
    if (message.type === 'stop') {
      server.close(() => process.exit(0));
      server.closeAllConnections();
      return;
    }
    void usage(message.gc, extra).then((report) => send({ type: 'usage', ...report }));
  });
  process.once('disconnect', () => process.exit(0));
}

async function usage(gc: boolean, extra: ExtraCounters) {
  if (gc) await fullGc();
  const { heapUsed, rss } = process.memoryUsage();
  return { cpu: process.cpuUsage(), heapUsed, rss, extra: await extra() };
}

/** Two collections a turn apart: WeakRefs read in one job stay alive until that job ends. */
async function fullGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('usage with gc: start the server with --expose-gc');
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}
