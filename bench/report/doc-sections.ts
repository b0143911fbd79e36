import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpTableLines, markdownReport } from './markdown';
import type { BenchResults } from './results';

/** A region of a document between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` that a full run rewrites. */
interface DocSection {
  readonly file: string;
  readonly name: string;
  readonly render: (results: BenchResults) => string;
}

const SECTIONS: readonly DocSection[] = [
  { file: 'BENCHMARKS.md', name: 'latest', render: latestRun },
  { file: 'README.md', name: 'summary', render: summary },
];

/**
 * Rewrites the benchmark sections of README.md and BENCHMARKS.md under `root` from `results`, so the
 * figures the docs quote are always those of the last full run. Returns the files written.
 *
 * @throws when a document lacks its section's markers: the docs would silently go stale.
 */
export function updateDocSections(results: BenchResults, root: string): string[] {
  const files = new Map<string, string>();
  for (const section of SECTIONS) {
    const path = join(root, section.file);
    const text = files.get(path) ?? readFileSync(path, 'utf8');
    files.set(path, replaceSection(text, section.name, section.render(results), section.file));
  }
  for (const [path, text] of files) writeFileSync(path, text);
  return [...files.keys()];
}

/** `text` with the content between the markers of section `name` replaced by `content`. */
function replaceSection(text: string, name: string, content: string, where: string): string {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`${where}: no ${open} … ${close} section to write the benchmark into`);
  return `${text.slice(0, start + open.length)}\n${content.trimEnd()}\n${text.slice(end)}`;
}

/** The whole report under a "Latest full run" heading, each heading one level down, and the chart. */
function latestRun(results: BenchResults): string {
  const body = markdownReport(results)
    .replace(/^(#+) /gm, '#$1 ')
    .replace(/^## .*$/m, '## Latest full run');
  return `${body.trimEnd()}\n\n![chart](bench/results/chart.svg)`;
}

/** Where and when the run was made, in one sentence, then the HTTP table and the chart. */
function summary(results: BenchResults): string {
  const { date, cores, cpu, node, commit } = results.environment;
  return [
    `From \`npm run bench\` on ${date.slice(0, 10)} (${cpu}, ${cores} cores, Node ${node.replace(/^v/, '')}, library commit ${commit}):`,
    'one GET route that reads a session value, the flashes and the JWT user; ratios to a bare routing-controllers',
    'action measured in the same rounds. Details, the micro figures, memory, the targets and how to reproduce:',
    '[BENCHMARKS.md](BENCHMARKS.md).',
    '',
    ...httpTableLines(results),
    '',
    '![req/s and CPU per request of each stack](bench/results/chart.svg)',
  ].join('\n');
}
