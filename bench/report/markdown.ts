import type { StackResult } from '../http/run-http';
import { DECORATED, OURS, REFERENCE } from '../http/stacks';
import { costRatio } from '../micro/cost-ratio';
import type { MicroGroup } from '../micro/micro-case';
import { figure, integer, mib, percent, ratio } from './format';
import type { BenchResults } from './results';
import { stackById, type TargetResult } from './targets';

/** The floor each micro group is compared with. */
const FLOORS: Readonly<Record<MicroGroup, string>> = {
  seal: 'floor: AES-256-GCM encrypt',
  unseal: 'floor: AES-256-GCM decrypt',
  sign: 'floor: HMAC-SHA256 sign',
  verify: 'floor: HMAC-SHA256 verify',
};

/** The run as Markdown: what latest.md holds and BENCHMARKS.md quotes. */
export function markdownReport(results: BenchResults): string {
  return [header(results), httpTable(results), microTable(results), memoryTable(results), targetTable(results.targets)].join('\n\n') + '\n';
}

function header({ mode, environment: env, durationSeconds, loadAverageAfter }: BenchResults): string {
  const versions = Object.entries(env.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return [
    `# Benchmark results (${mode} run)`,
    '',
    `- Date: ${env.date}`,
    `- Machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGiB} GiB, ${env.os}`,
    `- Node ${env.node}; load average (1 min) ${env.loadAverage.toFixed(2)} at the start, ${loadAverageAfter.toFixed(2)} at the end; run took ${Math.round(durationSeconds)} s`,
    `- Library commit: ${env.commit}`,
    `- Versions: ${versions}`,
  ].join('\n');
}

/** The HTTP table alone, header row first: what the README quotes. */
export function httpTableLines({ http }: Pick<BenchResults, 'http'>): string[] {
  const rows = http.map(
    (stack) =>
      `| ${stack.role === 'ours' ? `**${stack.label}**` : stack.label} | ${integer(stack.requestsPerSecond)} | ${ratio(stack.throughputRatio)} | ` +
      `${stack.throughputRatioRange.map((value) => value.toFixed(2)).join('–')} | ` +
      `${figure(stack.p99Ms)} | ${figure(stack.cpuMicrosPerRequest)} | ${ratio(stack.cpuRatio)} |`,
  );
  return ['| stack | req/s | req/s vs bare | range over rounds | p99 ms | server CPU µs/req | CPU vs bare |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows];
}

function httpTable(results: BenchResults): string {
  const { rounds, seconds, interleavedSlices, connections } = results.settings.http;
  return [
    '## HTTP: one GET route that reads a session value, the flashes and the JWT user',
    '',
    `autocannon, ${connections} connections on 127.0.0.1, each server in its own process; ${rounds} rounds of ${seconds} s per stack after a warm-up.`,
    'Figures are medians over the rounds; ratios are medians of the per-round ratios to the bare routing-controllers action measured in the same round',
    `(in every round every server starts afresh, and this library, the bare action and the constant-decorator action take turns in ${interleavedSlices} slices each,`,
    "A B C C B A …, so drift in the machine's load falls on all three); the range is the lowest and highest per-round req/s ratio.",
    'CPU is the server process\'s own user + system time (`process.cpuUsage()`), divided by the requests answered.',
    'Every stack gets the same cookie and token on every request, as a browser sends them; the library remembers recently opened',
    'cookies and verified tokens, so its second row sends a newly sealed cookie and a newly signed token with each request (sealed',
    'and signed by the load generator), to show the cost when those caches miss.',
    '',
    ...httpTableLines(results),
    '',
    cpuBreakdown(results.http),
  ].join('\n');
}

/** This library's CPU per request over the bare action, split into routing-controllers' share and its own. */
function cpuBreakdown(http: readonly StackResult[]): string {
  const [bare, decorated, ours] = [REFERENCE, DECORATED, OURS].map((id) => stackById(http, id).cpuMicrosPerRequest);
  return (
    `Of this library's ${figure(ours - bare)} µs of CPU per request over the bare action, ${figure(decorated - bare)} µs are routing-controllers' own ` +
    `handling of three custom parameter decorators and a global interceptor (the row with constant decorators), and ${figure(ours - decorated)} µs its own work.`
  );
}

function microTable({ micro }: BenchResults): string {
  const byName = new Map(micro.map((result) => [result.name, result]));
  const rows = micro.map((result) => {
    const floor = byName.get(FLOORS[result.group]);
    const name = result.name.startsWith('ours:') ? `**${result.name}**` : result.name;
    const vsFloor = floor === undefined ? Number.NaN : costRatio(result, floor);
    return `| ${result.group} | ${name} | ${integer(result.opsPerSecond)} | ${figure(result.microsPerOp)} | ${ratio(vsFloor)} |`;
  });
  return [
    '## Micro: the same ~200-byte session and token, one call at a time',
    '',
    'Median ops/s over interleaved passes. "vs floor" is µs/op divided by the node:crypto floor of the same job (bytes in, bytes out),',
    'as the median of per-pass ratios (a case and its floor are timed side by side in every pass).',
    'The cache-miss cases cycle through more distinct tokens (or sealed values) than the library\'s caches hold; the repeat cases',
    'read one token (or value) again and again.',
    '',
    '| job | operation | ops/s | µs/op | vs floor |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function memoryTable({ memory }: BenchResults): string {
  const rows = memory.readings.map((reading, index) => `| ${index === 0 ? 'baseline (after warm-up)' : integer(reading.requests)} | ${mib(reading.heapUsed)} | ${mib(reading.rss)} |`);
  return [
    '## Memory: distinct sessions and tokens, each request changing its session',
    '',
    `Fresh server of this library with --expose-gc; readings after a full GC. ${integer(memory.requestsPerSecond)} req/s during the check (the load generator seals a session and signs a token for every request).`,
    '',
    '| requests since baseline | heap used | RSS |',
    '| ---: | ---: | ---: |',
    ...rows,
    '',
    `After the last request: heap ${percent(memory.heapGrowth)}, RSS ${percent(memory.rssGrowth)} vs baseline ` +
      `(largest reading: heap ${percent(memory.heapPeakGrowth)}, RSS ${percent(memory.rssPeakGrowth)}). ` +
      `SessionManager.activeRequests after the load: ${memory.activeRequests}. ` +
      `WeakRef probe: ${memory.survivors} of ${memory.probed} sampled request objects and session handles alive after GC.`,
  ].join('\n');
}

function targetTable(targets: readonly TargetResult[]): string {
  const rows = targets.map(
    (target) => `| ${target.target} | ${measured(target)} | ${target.comparison} ${limit(target)} | ${target.pass ? 'pass' : '**FAIL**'} | ${target.how} |`,
  );
  return ['## Targets of issue 5', '', '| target | measured | limit | result | how |', '| --- | ---: | ---: | --- | --- |', ...rows].join('\n');
}

function measured(target: TargetResult): string {
  if (target.target.includes('growth')) return percent(target.measured);
  if (target.limit === 0) return String(target.measured);
  return ratio(target.measured);
}

function limit(target: TargetResult): string {
  if (target.target.includes('growth')) return `${target.limit * 100} %`;
  if (target.limit === 0) return '0';
  return ratio(target.limit);
}
