import { performance } from 'node:perf_hooks';
import type { MicroCase } from './micro-case';

/** How long to time one case, and in how many slices; every loop also stops at `maxOps`. */
export interface MeasureBudget {
  readonly warmupMs: number;
  readonly sliceMs: number;
  readonly slices: number;
  readonly maxOps: number;
}

/**
 * Results are stored here (a module variable the optimiser cannot prove dead) so no call is
 * dropped as unused. Reading the clock every call would cost as much as a fast case, so the
 * clock is read every BATCH calls.
 */
export let sink: unknown;
const BATCH = 16;

/** Operations per second of `micro`: the median of its slices, after a warm-up. */
export async function opsPerSecond(micro: MicroCase, budget: MeasureBudget): Promise<number> {
  await loop(micro.run, budget.warmupMs, budget.maxOps);
  const rates: number[] = [];
  for (let slice = 0; slice < budget.slices; slice += 1) {
    const start = performance.now();
    const ops = await loop(micro.run, budget.sliceMs, budget.maxOps);
    rates.push((ops * 1000) / (performance.now() - start));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
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
