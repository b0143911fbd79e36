import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { FromServer, ServerUsage, ToServer } from './ipc';

/** Longest wait for a child to start listening or to answer: a stuck child fails the run, not hangs it. */
const REPLY_TIMEOUT_MS = 30_000;

/** A benchmark server running in its own child process, driven over IPC. */
export class ServerProcess {
  readonly #child: ChildProcess;
  readonly #port: Promise<number>;

  /** Forks `script` (TypeScript, run through ts-node) with `args`; `exposeGc` for memory checks. */
  constructor(script: string, args: readonly string[], exposeGc = false) {
    this.#child = fork(script, [...args], {
      execArgv: [...(exposeGc ? ['--expose-gc'] : []), '--require', 'ts-node/register/transpile-only'],
      env: { ...process.env, NODE_ENV: 'production', TS_NODE_PROJECT: 'bench/tsconfig.json' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#port = this.#reply('ready').then((message) => message.port);
  }

  /** Resolves with the base URL once the child listens. */
  async url(): Promise<string> {
    return `http://127.0.0.1:${await this.#port}`;
  }

  /** The child's CPU and memory figures, after a full GC when `gc`. */
  async usage(gc = false): Promise<ServerUsage> {
    const reply = this.#reply('usage');
    this.#send({ type: 'usage', gc });
    const { cpu, heapUsed, rss, extra } = await reply;
    return { cpu, heapUsed, rss, extra };
  }

  /** Stops the child and waits for it to exit (killing it if it does not). */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = once(this.#child, 'exit');
    this.#send({ type: 'stop' });
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  #send(message: ToServer): void {
    this.#child.send(message);
  }

  #reply<T extends FromServer['type']>(type: T): Promise<Extract<FromServer, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`server did not send "${type}" within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
      const onMessage = (message: FromServer) => {
        if (message.type === type) done(undefined, message as Extract<FromServer, { type: T }>);
      };
      const onExit = (code: number | null) => done(new Error(`server exited (code ${code}) before sending "${type}"`));
      const done = (error?: Error, message?: Extract<FromServer, { type: T }>) => {
        clearTimeout(timer);
        this.#child.off('message', onMessage);
        this.#child.off('exit', onExit);
        if (error === undefined && message !== undefined) resolve(message);
        else reject(error);
      };
      this.#child.on('message', onMessage);
      this.#child.once('exit', onExit);
    });
  }
}
