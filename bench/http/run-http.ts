import { USERNAME } from '../fixtures';
import { visitorForge } from '../session-forge';
import { median } from '../stats';
import { checkWork, fetchCredentials, type Credentials } from './credentials';
import { load, type LoadOptions } from './load';
import { ServerProcess } from './server-process';
import { DECORATED, OURS, REFERENCE, STACKS, type Stack } from './stacks';

export interface HttpSettings {
  readonly rounds: number;
  /** Length of each measured run. */
  readonly seconds: number;
  /**
   * The stacks this library's figures are compared with ({@link INTERLEAVED}) take their `seconds`
   * in this many slices each, taking turns (A B C C B A …), so drift in the machine's background
   * load falls on all of them alike.
   */
  readonly interleavedSlices: number;
  /** Unmeasured load before each stack's measured runs in a round (0: none), for the JIT of its fresh process. */
  readonly warmupSeconds: number;
  readonly connections: number;
}

/** One stack's figures from one round. */
export interface StackRound {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly cpuMicrosPerRequest: number;
}

/** One stack's rounds, their medians, and the medians of its per-round ratios to the reference. */
export interface StackResult extends Pick<Stack, 'id' | 'label' | 'role'> {
  readonly rounds: readonly StackRound[];
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly cpuMicrosPerRequest: number;
  /** req/s ÷ the reference's req/s in the same round (median over rounds). */
  readonly throughputRatio: number;
  /** CPU µs/request ÷ the reference's in the same round (median over rounds). */
  readonly cpuRatio: number;
  /** Lowest and highest per-round throughput ratio: how much the rounds disagreed. */
  readonly throughputRatioRange: readonly [number, number];
}

/**
 * Starts every stack's server in its own process, checks each answers the route correctly, then
 * loads them in turn, round after round, and stops them all, whatever happens.
 */
export async function runHttp(settings: HttpSettings, log: (line: string) => void): Promise<StackResult[]> {
  const servers = new Map(STACKS.map((stack) => [stack.id, new ServerProcess(stack.script, stack.args)]));
  try {
    const urls = new Map(await Promise.all(STACKS.map(async (stack) => [stack.id, await server(servers, stack.id).url()] as const)));
    // Fresh stacks get a new session and token per request: the library's caches never hit.
    const forge = visitorForge(() => USERNAME);
    const credentials = await credentialsOf(urls, forge);
    const rounds = new Map<string, StackRound[]>(STACKS.map((stack) => [stack.id, []]));
    const loaded = (stack: Stack): Loaded => ({
      child: server(servers, stack.id),
      target: { url: urls.get(stack.id) ?? '', headers: credentials.get(stack.id) ?? {}, ...(stack.fresh === true && { headersPerRequest: forge }) },
    });
    for (let round = 0; round < settings.rounds; round += 1) {
      const [interleaved, rest] = roundOrder(round);
      if (round > 0) await restart(servers, urls);
      const record = (stack: Stack, figure: StackRound) => {
        log(`http round ${round + 1}/${settings.rounds} ${stack.id}: ${figure.requestsPerSecond.toFixed(0)} req/s, p99 ${figure.p99Ms} ms, ${figure.cpuMicrosPerRequest.toFixed(0)} µs CPU/req`);
        rounds.get(stack.id)?.push(figure);
      };
      const interleavedFigures = await measureAlternating(interleaved.map(loaded), settings);
      interleaved.forEach((stack, index) => record(stack, interleavedFigures[index]));
      for (const stack of rest) record(stack, (await measureAlternating([loaded(stack)], { ...settings, interleavedSlices: 1 }))[0]);
    }
    return STACKS.map((stack) => summarize(stack, rounds.get(stack.id) ?? [], rounds.get(REFERENCE) ?? []));
  } finally {
    await Promise.all([...servers.values()].map((child) => child.stop()));
  }
}

/**
 * Replaces every server with a fresh process, all started at once. Two processes of the very same
 * server differ by several percent for the whole of their lives (code layout, JIT choices), so every
 * round draws anew: the median over rounds then evens that luck out instead of one draw deciding the
 * run, and every stack is measured as fresh as the reference it is divided by.
 */
async function restart(servers: Map<string, ServerProcess>, urls: Map<string, string>): Promise<void> {
  await Promise.all([...servers.values()].map((child) => child.stop()));
  for (const stack of STACKS) servers.set(stack.id, new ServerProcess(stack.script, stack.args));
  for (const stack of STACKS) urls.set(stack.id, await server(servers, stack.id).url());
}

/**
 * The stacks this library is compared with, and this library: measured in turns within every round.
 * The targets divide by the reference; the constant-decorator action splits this library's extra
 * CPU into routing-controllers' share and its own.
 */
const INTERLEAVED: readonly string[] = [REFERENCE, DECORATED, OURS];

/**
 * The {@link INTERLEAVED} stacks first, measured in turns (which of them starts alternates too), so
 * the ratios the targets use see the same background load on a shared machine; the other stacks
 * follow one at a time in a rotating order.
 */
function roundOrder(round: number): [Stack[], Stack[]] {
  const interleaved = STACKS.filter((stack) => INTERLEAVED.includes(stack.id));
  const rest = STACKS.filter((stack) => !interleaved.includes(stack));
  const shift = round % rest.length;
  return [round % 2 === 0 ? interleaved : interleaved.reverse(), [...rest.slice(shift), ...rest.slice(0, shift)]];
}

function server(servers: ReadonlyMap<string, ServerProcess>, id: string): ServerProcess {
  const found = servers.get(id);
  if (found === undefined) throw new Error(`no server for ${id}`);
  return found;
}

/**
 * Each stack's credentials from its own `/setup`. Stacks without one get ours, so every server
 * parses the same-sized request even when it ignores the cookie and the token.
 */
async function credentialsOf(urls: ReadonlyMap<string, string>, forge: () => Credentials): Promise<Map<string, Credentials>> {
  const ours = await fetchCredentials(urls.get(OURS) ?? '');
  const result = new Map<string, Credentials>();
  for (const stack of STACKS) {
    const url = urls.get(stack.id) ?? '';
    const credentials = stack.fresh === true ? forge() : stack.setup ? await fetchCredentials(url) : ours;
    await checkWork(url, credentials);
    result.set(stack.id, credentials);
  }
  return result;
}

/** Where and with what headers a stack is loaded. */
type Target = Pick<LoadOptions, 'url' | 'headers' | 'headersPerRequest'>;

/** A stack's server and how to load it. */
interface Loaded {
  readonly child: ServerProcess;
  readonly target: Target;
}

/**
 * Warms each stack up, then loads them in `interleavedSlices` turns each of `seconds / interleavedSlices`
 * (A B C, then C B A, …), adding up requests, time and CPU per stack; p99 is the highest of a stack's slices.
 */
async function measureAlternating(stacks: readonly Loaded[], settings: HttpSettings): Promise<StackRound[]> {
  const common = { path: '/work', connections: settings.connections };
  for (const { target } of stacks) if (settings.warmupSeconds > 0) await load({ ...target, ...common, seconds: settings.warmupSeconds });
  const totals = stacks.map(() => ({ requests: 0, seconds: 0, cpu: 0, p99Ms: 0 }));
  const sliceSeconds = Math.max(1, Math.round(settings.seconds / settings.interleavedSlices));
  for (let slice = 0; slice < settings.interleavedSlices; slice += 1) {
    const order = stacks.map((_, index) => index);
    if (slice % 2 === 1) order.reverse();
    for (const index of order) {
      const { child, target } = stacks[index];
      const before = await child.usage();
      const result = await load({ ...target, ...common, seconds: sliceSeconds });
      const after = await child.usage();
      if (result.failures > 0) throw new Error(`${target.url}/work: ${result.failures} failed requests under load`);
      const total = totals[index];
      total.requests += result.requests;
      total.seconds += result.seconds;
      total.cpu += after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
      total.p99Ms = Math.max(total.p99Ms, result.p99Ms);
    }
  }
  return totals.map(({ requests, seconds, cpu, p99Ms }) => ({ requests, requestsPerSecond: requests / seconds, p99Ms, cpuMicrosPerRequest: cpu / requests }));
}

function summarize(stack: Stack, rounds: readonly StackRound[], reference: readonly StackRound[]): StackResult {
  const pick = (field: keyof StackRound) => median(rounds.map((round) => round[field]));
  const ratios = (field: keyof StackRound) => rounds.map((round, index) => round[field] / reference[index][field]);
  const throughput = ratios('requestsPerSecond');
  return {
    id: stack.id,
    label: stack.label,
    role: stack.role,
    rounds,
    requestsPerSecond: pick('requestsPerSecond'),
    p99Ms: pick('p99Ms'),
    cpuMicrosPerRequest: pick('cpuMicrosPerRequest'),
    throughputRatio: median(throughput),
    cpuRatio: median(ratios('cpuMicrosPerRequest')),
    throughputRatioRange: [Math.min(...throughput), Math.max(...throughput)],
  };
}
