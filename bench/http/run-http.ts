import { USERNAME } from '../fixtures';
import { visitorForge } from '../session-forge';
import { median } from '../stats';
import { checkWork, fetchCredentials, type Credentials } from './credentials';
import { load, type LoadOptions } from './load';
import { ServerProcess } from './server-process';
import { OURS, REFERENCE, STACKS, type Stack } from './stacks';

export interface HttpSettings {
  readonly rounds: number;
  /** Length of each measured run. */
  readonly seconds: number;
  /** Unmeasured load before each measured run (0: none); the first round's is longer, for the JIT. */
  readonly warmupSeconds: number;
  readonly firstWarmupSeconds: number;
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
    for (let round = 0; round < settings.rounds; round += 1) {
      for (const stack of roundOrder(round)) {
        const url = urls.get(stack.id) ?? '';
        const warmup = round === 0 ? settings.firstWarmupSeconds : settings.warmupSeconds;
        const target = { url, headers: credentials.get(stack.id) ?? {}, ...(stack.fresh === true && { headersPerRequest: forge }) };
        const figures = await measure(server(servers, stack.id), target, settings, warmup);
        log(`http round ${round + 1}/${settings.rounds} ${stack.id}: ${figures.requestsPerSecond.toFixed(0)} req/s, p99 ${figures.p99Ms} ms, ${figures.cpuMicrosPerRequest.toFixed(0)} µs CPU/req`);
        rounds.get(stack.id)?.push(figures);
      }
    }
    return STACKS.map((stack) => summarize(stack, rounds.get(stack.id) ?? [], rounds.get(REFERENCE) ?? []));
  } finally {
    await Promise.all([...servers.values()].map((child) => child.stop()));
  }
}

/**
 * This library and the reference run back to back, in alternating order, so the ratio the targets
 * use sees the same background load on a shared machine; the other stacks follow in a rotating order.
 */
function roundOrder(round: number): Stack[] {
  const pair = STACKS.filter((stack) => stack.id === REFERENCE || stack.id === OURS);
  const rest = STACKS.filter((stack) => !pair.includes(stack));
  const shift = round % rest.length;
  return [...(round % 2 === 0 ? pair : pair.reverse()), ...rest.slice(shift), ...rest.slice(0, shift)];
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

async function measure(child: ServerProcess, target: Target, settings: HttpSettings, warmup: number): Promise<StackRound> {
  const { url } = target;
  const common = { ...target, path: '/work', connections: settings.connections };
  if (warmup > 0) await load({ ...common, seconds: warmup });
  const before = await child.usage();
  const result = await load({ ...common, seconds: settings.seconds });
  const after = await child.usage();
  if (result.failures > 0) throw new Error(`${url}/work: ${result.failures} failed requests under load`);
  const cpu = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
  return { requests: result.requests, requestsPerSecond: result.requestsPerSecond, p99Ms: result.p99Ms, cpuMicrosPerRequest: cpu / result.requests };
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
