import { median } from '../stats';
import { fastJwtCases } from './fast-jwt-cases';
import { floorCases } from './floor-cases';
import { ironSessionCases } from './iron-session-cases';
import { jsonwebtokenCases } from './jsonwebtoken-cases';
import { sliceRate } from './measure';
import type { MicroCase, MicroGroup } from './micro-case';
import { ourCases } from './our-cases';
import { tokenFixtures } from './token-fixtures';

/** One case's result: the median over passes, and every pass's figure for ratios pass by pass. */
export interface MicroResult {
  readonly name: string;
  readonly group: MicroGroup;
  readonly opsPerSecond: number;
  readonly microsPerOp: number;
  readonly passes: readonly number[];
}

export interface MicroSettings {
  /** Unmeasured calls of each case before the first pass, for the JIT. */
  readonly warmupMs: number;
  /** Each pass times every case for one slice, in turn. */
  readonly passes: number;
  readonly sliceMs: number;
  /** A slice also stops after this many calls. */
  readonly maxOps: number;
  /** Distinct tokens (and sealed values) cycled through by the cache-miss cases. */
  readonly missPool: number;
}

/**
 * Times every micro case in the orchestrator process (no server runs meanwhile), in many short
 * interleaved passes: on a shared machine the background load drifts, and a case and its floor
 * timed side by side in each pass see the same load, so their per-pass ratio stays meaningful.
 */
export async function runMicro(settings: MicroSettings, log: (line: string) => void): Promise<MicroResult[]> {
  const fixtures = tokenFixtures(settings.missPool);
  const ours = ourCases(fixtures);
  const cases: MicroCase[] = [
    ...floorCases(fixtures).flatMap((floor) => [floor, ...ours.filter((micro) => micro.group === floor.group)]),
    ...jsonwebtokenCases(fixtures),
    ...fastJwtCases(fixtures),
    ...(await ironSessionCases()),
  ];
  for (const micro of cases) await sliceRate(micro, settings.warmupMs, settings.maxOps);
  const rates = new Map<string, number[]>(cases.map((micro) => [micro.name, []]));
  for (let pass = 1; pass <= settings.passes; pass += 1) {
    if (pass === 1 || pass % 3 === 0) log(`micro pass ${pass}/${settings.passes}`);
    for (const micro of cases) rates.get(micro.name)?.push(await sliceRate(micro, settings.sliceMs, settings.maxOps));
  }
  return cases.map(({ name, group }) => {
    const passes = rates.get(name) ?? [];
    const ops = median(passes);
    return { name, group, opsPerSecond: ops, microsPerOp: 1e6 / ops, passes };
  });
}
