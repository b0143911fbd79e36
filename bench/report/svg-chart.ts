import type { StackRole } from '../http/stacks';
import { figure, ratio } from './format';
import type { BenchResults } from './results';

/** One horizontal bar. */
interface Bar {
  readonly label: string;
  readonly value: number;
  readonly text: string;
  readonly color: string;
}

interface Panel {
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly scale: 'linear' | 'log';
  /** Dashed vertical lines, e.g. a target. */
  readonly markers: readonly { readonly value: number; readonly label: string }[];
}

const WIDTH = 1080;
const LABEL_WIDTH = 570;
const BAR_WIDTH = 400;
const ROW = 22;
const TITLE = 34;
const GAP = 26;
const COLORS: Readonly<Record<StackRole | 'floor' | 'other', string>> = {
  ours: '#1f6fb2',
  'ours-uncached': '#7fb0da',
  reference: '#6b6b6b',
  ceiling: '#b5b5b5',
  alternative: '#e08a2c',
  floor: '#4c9a52',
  other: '#e08a2c',
};

/**
 * A self-contained SVG bar chart of the run, drawn by hand (no chart service, no library): HTTP
 * throughput relative to the bare action, server CPU per request, and micro µs/op on a log scale.
 */
export function svgChart(results: BenchResults): string {
  const panels: Panel[] = [
    {
      title: 'HTTP req/s relative to the bare routing-controllers action (higher is better)',
      bars: results.http.map((stack) => ({ label: stack.label, value: stack.throughputRatio, text: ratio(stack.throughputRatio), color: COLORS[stack.role] })),
      scale: 'linear',
      markers: [{ value: 0.85, label: 'target 0.85×' }],
    },
    {
      title: 'Server CPU µs per request (lower is better)',
      bars: results.http.map((stack) => ({ label: stack.label, value: stack.cpuMicrosPerRequest, text: figure(stack.cpuMicrosPerRequest), color: COLORS[stack.role] })),
      scale: 'linear',
      markers: [],
    },
    {
      title: 'Micro: µs per operation, log scale (lower is better)',
      bars: results.micro.map((micro) => ({ label: micro.name, value: micro.microsPerOp, text: figure(micro.microsPerOp), color: microColor(micro.name) })),
      scale: 'log',
      markers: [],
    },
  ];
  let y = 40;
  const parts: string[] = [];
  for (const panel of panels) {
    parts.push(drawPanel(panel, y));
    y += TITLE + panel.bars.length * ROW + GAP;
  }
  const { date, cpu, cores, node } = results.environment;
  const caption = `routing-controllers-jwt-session benchmark, ${results.mode} run, ${date.slice(0, 10)}, ${cpu} (${cores} cores), Node ${node}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${y}" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="14" font-weight="bold">${escape(caption)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

function drawPanel(panel: Panel, top: number): string {
  const values = panel.bars.map((bar) => bar.value).filter((value) => value > 0 && Number.isFinite(value));
  const max = Math.max(...values, ...panel.markers.map((marker) => marker.value));
  const min = Math.min(...values);
  const scale = panel.scale === 'log' ? logScale(min / 2, max) : (value: number) => (value / max) * BAR_WIDTH;
  const barsTop = top + TITLE;
  const out = [`<text x="10" y="${top + 20}" font-weight="bold">${escape(panel.title)}</text>`];
  panel.bars.forEach((bar, index) => {
    const y = barsTop + index * ROW;
    const width = Math.max(1, scale(bar.value));
    out.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escape(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width.toFixed(1)}" height="${ROW - 6}" fill="${bar.color}"/>`,
      `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 15}">${escape(bar.text)}</text>`,
    );
  });
  const bottom = barsTop + panel.bars.length * ROW;
  out.push(`<line x1="${LABEL_WIDTH}" y1="${barsTop}" x2="${LABEL_WIDTH}" y2="${bottom}" stroke="#333"/>`);
  for (const marker of panel.markers) {
    const x = LABEL_WIDTH + scale(marker.value);
    out.push(
      `<line x1="${x.toFixed(1)}" y1="${barsTop - 4}" x2="${x.toFixed(1)}" y2="${bottom}" stroke="#c0392b" stroke-dasharray="4 3"/>`,
      `<text x="${x.toFixed(1)}" y="${barsTop - 6}" text-anchor="middle" fill="#c0392b" font-size="11">${escape(marker.label)}</text>`,
    );
  }
  return out.join('\n');
}

/** Pixels for a value on a log axis from `low` (0 px) to `high` (the full bar width). */
function logScale(low: number, high: number): (value: number) => number {
  const span = Math.log10(high) - Math.log10(low);
  return (value) => ((Math.log10(value) - Math.log10(low)) / span) * BAR_WIDTH;
}

function microColor(name: string): string {
  if (name.startsWith('ours:')) return COLORS.ours;
  if (name.startsWith('floor:')) return COLORS.floor;
  return COLORS.other;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
