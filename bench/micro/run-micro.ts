import { fastJwtCases } from './fast-jwt-cases';
import { floorCases } from './floor-cases';
import { ironSessionCases } from './iron-session-cases';
import { jsonwebtokenCases } from './jsonwebtoken-cases';
import { opsPerSecond, type MeasureBudget } from './measure';
import type { MicroCase, MicroGroup } from './micro-case';
import { ourCases } from './our-cases';
import { median } from '../stats';
import { tokenFixtures } from './token-fixtures';

/** One case's result: the median over rounds. */
export interface MicroResult {
  readonly name: string;
  readonly group: MicroGroup;
  readonly opsPerSecond: number;
  readonly microsPerOp: number;
}

export interface MicroSettings extends MeasureBudget {
  /** Every case is timed once per round; rounds interleave the cases so drift hits all alike. */
  readonly rounds: number;
  /** Distinct tokens cycled through by the cache-miss cases. */
  readonly tokenPool: number;
}

/** Times every micro case in the orchestrator process (no server is under load meanwhile). */
export async function runMicro(settings: MicroSettings, log: (line: string) => void): Promise<MicroResult[]> {
  const fixtures = tokenFixtures(settings.tokenPool);
  const cases: MicroCase[] = [
    ...floorCases(fixtures),
    ...ourCases(fixtures),
    ...jsonwebtokenCases(fixtures),
    ...fastJwtCases(fixtures),
    ...(await ironSessionCases()),
  ];
  const rates = new Map<string, number[]>(cases.map((micro) => [micro.name, []]));
  for (let round = 1; round <= settings.rounds; round += 1) {
    log(`micro round ${round}/${settings.rounds}`);
    for (const micro of cases) rates.get(micro.name)?.push(await opsPerSecond(micro, settings));
  }
  return cases.map(({ name, group }) => {
    const ops = median(rates.get(name) ?? []);
    return { name, group, opsPerSecond: ops, microsPerOp: 1e6 / ops };
  });
}
