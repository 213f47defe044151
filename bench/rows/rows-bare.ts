import type { BenchRow } from '../harness/bench-row.types.js';
import { row } from '../harness/row.js';
import { work, workAsync } from './workload.js';

/** The uninstrumented calls: the zero every overhead is counted from. */
export function bareRows(): BenchRow[] {
  return [
    row('bare', 'bare call', 'sync', 'bare', (i) => work(i), 'bare-sync'),
    row('bare', 'bare call', 'async', 'bare', (i) => workAsync(i), 'bare-async'),
  ];
}
