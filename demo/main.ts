import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { SessionManager } from 'routing-controllers-jwt-session';
import { Container } from 'typedi';
import { createDemoApp } from './app';
import { readPort } from './port';
import { demoSessionOptions } from './session-options';
import { closeGracefully } from './shutdown';

/** Loopback only: the demo users' passwords are printed on the login page. */
const HOST = '127.0.0.1';
/** As the original's `context.WithTimeout(..., 5*time.Second)`. */
const SHUTDOWN_TIMEOUT_MS = 5000;
/** As the original's ReadTimeout and WriteTimeout. */
const REQUEST_TIMEOUT_MS = 10_000;

function main(): void {
  const port = readPort(process.env.PORT);
  const secret = process.env.SESSION_SECRET;
  // Without a secret the library makes a random one and emits a warning; it throws in production.
  Container.get(SessionManager).configure(demoSessionOptions(secret));
  if (secret === undefined) {
    console.log('SESSION_SECRET is not set: using a random per-process secret, so logins and sessions end when this process stops.');
  }

  const server = createDemoApp().listen(port, HOST, () => {
    const { port: bound } = server.address() as AddressInfo;
    console.log(`routing-controllers-jwt-session demo listening on http://${HOST}:${bound}/ (Ctrl+C to stop)`);
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = REQUEST_TIMEOUT_MS;
  server.on('error', (error) => fail(error));

  const stop = (signal: NodeJS.Signals): void => {
    console.log(`${signal} received: shutting down the server ...`);
    closeGracefully(server, SHUTDOWN_TIMEOUT_MS).then((outcome) => {
      if (outcome === 'timed out') {
        console.error(`Server shutdown: requests still running after ${SHUTDOWN_TIMEOUT_MS / 1000} s were cut`);
        process.exitCode = 1;
      }
      console.log('Server exiting');
    }, fail);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function fail(error: unknown): void {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

try {
  main();
} catch (error) {
  fail(error);
}
