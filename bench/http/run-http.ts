import { median } from '../stats';
import { checkWork, fetchCredentials, type Credentials } from './credentials';
import { load } from './load';
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
}

/**
 * Starts every stack's server in its own process, checks each answers the route correctly, then
 * loads them in turn, round after round (rotating the order so no stack always follows the same
 * one), and stops them all, whatever happens.
 */
export async function runHttp(settings: HttpSettings, log: (line: string) => void): Promise<StackResult[]> {
  const servers = new Map(STACKS.map((stack) => [stack.id, new ServerProcess(stack.script, stack.args)]));
  try {
    const urls = new Map(await Promise.all(STACKS.map(async (stack) => [stack.id, await server(servers, stack.id).url()] as const)));
    const credentials = await credentialsOf(urls);
    const rounds = new Map<string, StackRound[]>(STACKS.map((stack) => [stack.id, []]));
    for (let round = 0; round < settings.rounds; round += 1) {
      const order = [...STACKS.slice(round % STACKS.length), ...STACKS.slice(0, round % STACKS.length)];
      for (const stack of order) {
        const url = urls.get(stack.id) ?? '';
        const warmup = round === 0 ? settings.firstWarmupSeconds : settings.warmupSeconds;
        const figures = await measure(server(servers, stack.id), url, credentials.get(stack.id) ?? {}, settings, warmup);
        log(`http round ${round + 1}/${settings.rounds} ${stack.id}: ${figures.requestsPerSecond.toFixed(0)} req/s, p99 ${figures.p99Ms} ms, ${figures.cpuMicrosPerRequest.toFixed(0)} µs CPU/req`);
        rounds.get(stack.id)?.push(figures);
      }
    }
    return STACKS.map((stack) => summarize(stack, rounds.get(stack.id) ?? [], rounds.get(REFERENCE) ?? []));
  } finally {
    await Promise.all([...servers.values()].map((child) => child.stop()));
  }
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
async function credentialsOf(urls: ReadonlyMap<string, string>): Promise<Map<string, Credentials>> {
  const ours = await fetchCredentials(urls.get(OURS) ?? '');
  const result = new Map<string, Credentials>();
  for (const stack of STACKS) {
    const url = urls.get(stack.id) ?? '';
    const credentials = stack.setup ? await fetchCredentials(url) : ours;
    await checkWork(url, credentials);
    result.set(stack.id, credentials);
  }
  return result;
}

async function measure(child: ServerProcess, url: string, headers: Credentials, settings: HttpSettings, warmup: number): Promise<StackRound> {
  const common = { url, path: '/work', connections: settings.connections, headers };
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
  const ratio = (field: keyof StackRound) => median(rounds.map((round, index) => round[field] / reference[index][field]));
  return {
    id: stack.id,
    label: stack.label,
    role: stack.role,
    rounds,
    requestsPerSecond: pick('requestsPerSecond'),
    p99Ms: pick('p99Ms'),
    cpuMicrosPerRequest: pick('cpuMicrosPerRequest'),
    throughputRatio: ratio('requestsPerSecond'),
    cpuRatio: ratio('cpuMicrosPerRequest'),
  };
}
