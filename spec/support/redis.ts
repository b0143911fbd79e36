import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import Redis from 'ioredis';

/** A redis-server this test run started: loopback only, no persistence. */
export interface RedisProcess {
  readonly port: number;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

const REDIS_SERVER = '/usr/bin/redis-server';

/**
 * Skips the calling suite, with one line saying why, when redis-server is not installed; under CI
 * (where .ci/run installs it) a missing server fails instead.
 */
export function requireRedisServer(context: Mocha.Context): void {
  if (existsSync(REDIS_SERVER)) return;
  if (process.env.CI) throw new Error(`${REDIS_SERVER} is missing: .ci/run should have installed redis-server`);
  console.log(`      Skipping the Redis tests: ${REDIS_SERVER} is not installed (apt-get install redis-server).`);
  context.skip();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitUntilReady(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
}

/**
 * The redis-server `.ci/run` started (its port in REDIS_PORT), or else one started here on a free
 * loopback port with persistence off. Tests that kill the server use {@link startRedis} instead.
 */
export async function sharedRedis(): Promise<{ port: number; stop(): Promise<void> }> {
  const given = Number(process.env.REDIS_PORT);
  if (Number.isInteger(given) && given > 0) return { port: given, stop: async () => undefined };
  const own = await startRedis();
  return { port: own.port, stop: own.kill };
}

/** Starts a redis-server on a free loopback port with persistence off, and waits until it answers. */
export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitUntilReady(port);
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { port, kill, restart: start };
}

/** A connected client as the docs recommend: commands fail at once while Redis is down. */
export async function redisClient(port: number): Promise<Redis> {
  const client = new Redis({ port, host: '127.0.0.1', enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // Connection errors surface as rejected commands (and 503s); the event itself needs a listener.
  client.on('error', () => undefined);
  if (client.status !== 'ready') await once(client, 'ready');
  return client;
}
