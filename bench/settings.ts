import type { HttpSettings } from './http/run-http';
import type { MemorySettings } from './memory/run-memory';
import type { MicroSettings } from './micro/run-micro';

export type Mode = 'full' | 'quick';

export interface Settings {
  readonly micro: MicroSettings;
  readonly http: HttpSettings;
  readonly memory: MemorySettings;
  /** Where the Markdown, JSON and SVG go. */
  readonly outDir: string;
}

/**
 * The full run (for people and BENCHMARKS.md, ~12 minutes on 2 cores) and the quick one (for CI,
 * well under 30 s: every stack and every case once, figures too short to quote). The quick run
 * writes into the git-ignored .artifacts/, so CI leaves the tree clean. autocannon runs last at
 * least a second (it stops on a 1-second tick), so the quick run skips the HTTP warm-ups. Miss pools stay larger
 * than the library's caches of verified tokens and opened values (1024 entries each), or the
 * "cache miss" cases would hit them.
 */
export const SETTINGS: Readonly<Record<Mode, Settings>> = {
  full: {
    micro: { warmupMs: 300, passes: 9, sliceMs: 150, maxOps: 5_000_000, missPool: 20_000 },
    http: { rounds: 7, seconds: 3, interleavedSlices: 3, warmupSeconds: 3, connections: 10 },
    memory: { requests: 200_000, warmupRequests: 20_000, checkpoints: 4, connections: 10, maxSeconds: 300 },
    outDir: 'bench/results',
  },
  quick: {
    micro: { warmupMs: 15, passes: 1, sliceMs: 20, maxOps: 100_000, missPool: 2_500 },
    http: { rounds: 1, seconds: 1, interleavedSlices: 1, warmupSeconds: 0, connections: 10 },
    memory: { requests: 2_000, warmupRequests: 300, checkpoints: 2, connections: 10, maxSeconds: 30 },
    outDir: '.artifacts/bench',
  },
};
