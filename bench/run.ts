import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { environment, type Environment } from './environment';
import { runHttp } from './http/run-http';
import { runMemory } from './memory/run-memory';
import { runMicro } from './micro/run-micro';
import type { BenchResults } from './report/results';
import { updateDocSections } from './report/doc-sections';
import { evaluateTargets } from './report/targets';
import { writeReports } from './report/write-reports';
import { SETTINGS, type Mode } from './settings';

/** Whole-run limits: every part is bounded on its own; this catches anything that is not. */
const WATCHDOG_SECONDS: Readonly<Record<Mode, number>> = { full: 20 * 60, quick: 120 };

/**
 * `npm run bench` (full) or `npm run bench -- --quick` (CI smoke): micro cases, then every HTTP
 * stack, then the memory check, then the reports. Targets missed are reported, not fatal; a stack
 * that answers wrongly or fails requests is fatal.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
  const mode: Mode = values.quick ? 'quick' : 'full';
  const settings = { ...SETTINGS[mode], outDir: values.out ?? SETTINGS[mode].outDir };
  setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_SECONDS[mode]} s, giving up`);
    process.exit(2);
  }, WATCHDOG_SECONDS[mode] * 1000).unref();

  const env = environment();
  printEnvironment(mode, env);
  const start = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - start) / 1000).toFixed(1).padStart(6)} s] ${line}`);
  const micro = await runMicro(settings.micro, log);
  const http = await runHttp(settings.http, log);
  const memory = await runMemory(settings.memory, log);
  const results: BenchResults = {
    mode,
    environment: env,
    settings,
    micro,
    http,
    memory,
    targets: evaluateTargets(micro, http, memory),
    durationSeconds: (performance.now() - start) / 1000,
    loadAverageAfter: loadavg()[0],
  };
  const { markdown, files } = writeReports(results, settings.outDir);
  // A full run into bench/results is the one the docs quote; a quick run or one written elsewhere leaves them be.
  if (mode === 'full' && values.out === undefined) files.push(...updateDocSections(results, '.'));
  console.log(`\n${markdown}`);
  console.log(`Wrote ${files.join(', ')} in ${results.durationSeconds.toFixed(1)} s.`);
}

function printEnvironment(mode: Mode, env: Environment): void {
  console.log(`routing-controllers-jwt-session bench, ${mode} run, ${env.date}`);
  console.log(`machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGiB} GiB, ${env.os}; load average ${env.loadAverage.toFixed(2)}`);
  console.log(`library commit ${env.commit}`);
  console.log(`node ${env.node}; ${Object.entries(env.versions).map(([name, version]) => `${name} ${version}`).join(', ')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
