import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';

/** Where and with what a run was made: printed first and kept with the results. */
export interface Environment {
  readonly date: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** The library's commit, with "+ local changes" when src/ differs from it. */
  readonly commit: string;
  /** 1-minute load average at the start: above ~0.5 on 2 cores, other work competed with the run. */
  readonly loadAverage: number;
  /** Installed versions of this package and of every package measured or used to measure. */
  readonly versions: Readonly<Record<string, string>>;
}

const PACKAGES = [
  'routing-controllers',
  'typedi',
  'express',
  'jsonwebtoken',
  'fast-jwt',
  'iron-session',
  'cookie-session',
  'express-session',
  'connect-flash',
  'express-jwt',
  'autocannon',
];

export function environment(): Environment {
  const processors = cpus();
  return {
    date: new Date().toISOString(),
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${type()} ${release()} ${arch()}`,
    node: process.version,
    commit: commitOf(),
    loadAverage: loadavg()[0],
    versions: {
      'routing-controllers-jwt-session': versionOf('.'),
      ...Object.fromEntries(PACKAGES.map((name) => [name, versionOf(join('node_modules', name))])),
    },
  };
}

/** Read from the package.json on disk: some packages' `exports` hide it from `require`. */
function versionOf(folder: string): string {
  try {
    return (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function commitOf(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'src') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + local changes in src/' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
