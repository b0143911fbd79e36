import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownReport } from './markdown';
import type { BenchResults } from './results';
import { svgChart } from './svg-chart';

/** Writes latest.json, latest.md and chart.svg into `dir`; returns the Markdown. */
export function writeReports(results: BenchResults, dir: string): { markdown: string; files: string[] } {
  mkdirSync(dir, { recursive: true });
  const markdown = markdownReport(results);
  const files = [join(dir, 'latest.json'), join(dir, 'latest.md'), join(dir, 'chart.svg')];
  writeFileSync(files[0], `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(files[1], markdown);
  writeFileSync(files[2], svgChart(results));
  return { markdown, files };
}
