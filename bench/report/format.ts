/** Number formats shared by the Markdown table, the console and the chart. */

export function integer(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Three significant figures, enough for any ratio or latency here. */
export function figure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value >= 100 ? integer(value) : value.toPrecision(3);
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

export function percent(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
