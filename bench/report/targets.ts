import type { StackResult } from '../http/run-http';
import { OURS } from '../http/stacks';
import type { MemoryResult } from '../memory/run-memory';
import { costRatio } from '../micro/cost-ratio';
import type { MicroResult } from '../micro/run-micro';

/** One of issue 5's targets for this library, as measured in this run. */
export interface TargetResult {
  readonly target: string;
  readonly measured: number;
  readonly comparison: '>=' | '<=';
  readonly limit: number;
  readonly pass: boolean;
  /** What the measured figure divides, in words. */
  readonly how: string;
}

/** Issue 5's targets, from the figures of one run. */
export function evaluateTargets(micro: readonly MicroResult[], http: readonly StackResult[], memory: MemoryResult): TargetResult[] {
  const ours = stackById(http, OURS);
  const fastestAlternative = Math.max(...http.filter((result) => result.role === 'alternative').map((result) => result.throughputRatio));
  const cost = (name: string, floor: string) => costRatio(find(micro, name), find(micro, floor));
  const hmacVerify = 'floor: HMAC-SHA256 verify';
  return [
    check('HTTP req/s vs bare routing-controllers', ours.throughputRatio, '>=', 0.85, 'median over rounds of ours ÷ bare req/s, same round'),
    check('HTTP CPU/request vs bare routing-controllers', ours.cpuRatio, '<=', 1.2, 'median over rounds of ours ÷ bare server CPU µs/request'),
    check('HTTP req/s vs fastest alternative stack', ours.throughputRatio / fastestAlternative, '>=', 1.4, 'ours ÷ best alternative, both as ratios to bare'),
    check('seal vs AES-256-GCM encrypt floor', cost('ours: CookieSealer.seal', 'floor: AES-256-GCM encrypt'), '<=', 1.5, PER_PASS),
    check('unseal vs AES-256-GCM decrypt floor', cost('ours: CookieSealer.open (cache miss)', 'floor: AES-256-GCM decrypt'), '<=', 1.5, PER_PASS),
    check('token verify, cache miss, vs HMAC floor', cost('ours: TokenService.verify (cache miss)', hmacVerify), '<=', 4, PER_PASS),
    check('token verify, repeat, vs HMAC floor', cost('ours: TokenService.verify (repeat)', hmacVerify), '<=', 1.5, PER_PASS),
    check('heap growth after the memory check', memory.heapGrowth, '<=', 0.1, 'last reading ÷ baseline − 1, after full GCs'),
    check('RSS growth after the memory check', memory.rssGrowth, '<=', 0.1, 'last reading ÷ baseline − 1, after full GCs'),
    check('SessionManager.activeRequests after the load', memory.activeRequests, '<=', 0, 'requests holding state once idle'),
    check('sampled requests and handles alive after GC', memory.survivors, '<=', 0, `WeakRef probe of ${memory.probed} objects`),
  ];
}

const PER_PASS = 'median over passes of µs/op ÷ the floor\'s µs/op in the same pass';

function find(micro: readonly MicroResult[], name: string): MicroResult {
  const found = micro.find((result) => result.name === name);
  if (found === undefined) throw new Error(`no micro result "${name}"`);
  return found;
}

function check(target: string, measured: number, comparison: '>=' | '<=', limit: number, how: string): TargetResult {
  const pass = comparison === '>=' ? measured >= limit : measured <= limit;
  return { target, measured, comparison, limit, pass, how };
}

/** The result of the stack `id`. */
export function stackById(http: readonly StackResult[], id: string): StackResult {
  const found = http.find((result) => result.id === id);
  if (found === undefined) throw new Error(`no HTTP result for ${id}`);
  return found;
}
