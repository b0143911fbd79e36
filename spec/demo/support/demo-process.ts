import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const URL_LINE = /listening on (http:\/\/127\.0\.0\.1:\d+)\//;

/** A running `demo/main.ts`, started as `npm start` starts it, on a port the system picked. */
export interface DemoProcess {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Sends `signal` and resolves with the exit code; SIGKILLs the process if it lives on after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

/** How a demo process that was expected to end on its own ended. */
export interface DemoExit {
  code: number | null;
  output: string;
}

/** Starts the demo with `PORT=0` and resolves once it printed its URL. See {@link spawnDemo} for `env`. */
export function startDemo(env: Record<string, string> = {}, timeoutMs = 15_000): Promise<DemoProcess> {
  const demo = spawnDemo(env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`printed no URL within ${timeoutMs} ms`), timeoutMs);
    const onExit = (code: number | null): void => fail(`exited with code ${code} before printing its URL`);
    function fail(problem: string): void {
      clearTimeout(timer);
      demo.child.kill('SIGKILL');
      reject(new Error(`the demo ${problem}:\n${demo.output()}`));
    }
    demo.onOutput(() => {
      const match = URL_LINE.exec(demo.output());
      if (match === null) return;
      clearTimeout(timer);
      demo.child.off('exit', onExit);
      resolve({ url: match[1], output: demo.output, stop: (signal, graceMs) => stop(demo, signal, graceMs) });
    });
    demo.child.once('exit', onExit);
  });
}

/** Runs the demo until it exits by itself, as it does when it cannot start; SIGKILLs it after `timeoutMs`. */
export async function runDemoToExit(env: Record<string, string>, timeoutMs = 15_000): Promise<DemoExit> {
  const demo = spawnDemo(env);
  const timer = setTimeout(() => demo.child.kill('SIGKILL'), timeoutMs);
  try {
    return { code: await demo.exited, output: demo.output() };
  } finally {
    clearTimeout(timer);
  }
}

interface SpawnedDemo {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;
  output(): string;
  onOutput(listener: () => void): void;
}

/**
 * `env` is laid over the inherited environment, from which SESSION_SECRET and NODE_ENV are first
 * dropped, so a developer's shell cannot change what the specs see.
 */
function spawnDemo(env: Record<string, string>): SpawnedDemo {
  const inherited = { ...process.env };
  delete inherited.SESSION_SECRET;
  delete inherited.NODE_ENV;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'demo/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', ...env },
  });
  let output = '';
  const listeners: (() => void)[] = [];
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // 'close' waits for the output streams to end, so nothing printed last is missed.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, exited, output: () => output, onOutput: (listener) => listeners.push(listener) };
}

async function stop(demo: SpawnedDemo, signal: NodeJS.Signals = 'SIGTERM', graceMs = 8000): Promise<number | null> {
  const { child } = demo;
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await demo.exited;
  } finally {
    clearTimeout(timer);
  }
}
