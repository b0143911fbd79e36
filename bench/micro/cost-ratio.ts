import { median } from '../stats';
import type { MicroResult } from './run-micro';

/**
 * `micro`'s cost per operation ÷ `floor`'s, as the median over passes of the ratio within each
 * pass (both were timed side by side there, under the same background load).
 */
export function costRatio(micro: MicroResult, floor: MicroResult): number {
  return median(micro.passes.map((rate, pass) => floor.passes[pass] / rate));
}
