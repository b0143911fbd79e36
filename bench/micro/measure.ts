import { performance } from 'node:perf_hooks';
import type { MicroCase } from './micro-case';

/**
 * Results are stored here (a module variable the optimiser cannot prove dead) so no call is
 * dropped as unused. Reading the clock every call would cost as much as a fast case, so the
 * clock is read every BATCH calls.
 */
export let sink: unknown;
const BATCH = 16;

/** Operations per second of `micro` over one slice of about `ms` milliseconds (at most `maxOps` calls). */
export async function sliceRate(micro: MicroCase, ms: number, maxOps: number): Promise<number> {
  const start = performance.now();
  const ops = await loop(micro.run, ms, maxOps);
  return (ops * 1000) / (performance.now() - start);
}

/** Calls `run` for about `ms` milliseconds (at most `maxOps` times); returns how many calls ran. */
async function loop(run: () => unknown, ms: number, maxOps: number): Promise<number> {
  const end = performance.now() + ms;
  let ops = 0;
  const first = run();
  const isAsync = first instanceof Promise;
  sink = isAsync ? await first : first;
  ops += 1;
  while (ops < maxOps && performance.now() < end) {
    for (let i = 0; i < BATCH; i += 1) sink = isAsync ? await run() : run();
    ops += BATCH;
  }
  return ops;
}
