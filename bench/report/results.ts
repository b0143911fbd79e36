import type { Environment } from '../environment';
import type { StackResult } from '../http/run-http';
import type { MemoryResult } from '../memory/run-memory';
import type { MicroResult } from '../micro/run-micro';
import type { Mode, Settings } from '../settings';
import type { TargetResult } from './targets';

/** Everything one run measured: what latest.json holds and the reports are made from. */
export interface BenchResults {
  readonly mode: Mode;
  readonly environment: Environment;
  readonly settings: Settings;
  readonly micro: readonly MicroResult[];
  readonly http: readonly StackResult[];
  readonly memory: MemoryResult;
  readonly targets: readonly TargetResult[];
  readonly durationSeconds: number;
  /** 1-minute load average when the run ended. */
  readonly loadAverageAfter: number;
}
