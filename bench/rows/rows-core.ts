import { execute, span } from '@sigra/nestjs-telemetry';
import type { BenchRow } from '../harness/bench-row.types.js';
import { BENCH_EVENTS as E } from './bench-events.js';
import { row } from '../harness/row.js';
import { work, workAsync } from './workload.js';

/**
 * The core API, called as applications call it: a fresh metadata object and a fresh closure
 * per call.
 */
export function coreRows(): BenchRow[] {
  return [
    row('span-none', '`span`, nothing attached', 'sync', 'ours', (i) =>
      span(E.spanNone, { user_id: i }, () => work(i)),
    ),
    row('span-none', '`span`, nothing attached', 'async', 'ours', (i) =>
      span(E.spanNone, { user_id: i }, () => workAsync(i)),
    ),
    row('span-trivial', '`span`, one trivial handler (start+stop)', 'sync', 'ours', (i) =>
      span(E.spanTrivial, { user_id: i }, () => work(i)),
    ),
    row('span-trivial', '`span`, one trivial handler (start+stop)', 'async', 'ours', (i) =>
      span(E.spanTrivial, { user_id: i }, () => workAsync(i)),
    ),
    row('span-logger', '`span`, default logger, level filtered out', 'sync', 'ours', (i) =>
      span(E.spanLogged, { user_id: i }, () => work(i)),
    ),
    row('span-logger', '`span`, default logger, level filtered out', 'async', 'ours', (i) =>
      span(E.spanLogged, { user_id: i }, () => workAsync(i)),
    ),
    row('span-policy', '`span`, typical metadata, one trivial handler', 'sync', 'ours', (i) =>
      span(E.spanPolicy, { user_id: 42, method: 'totp', ip: '203.0.113.7' }, () => work(i)),
    ),
    row('span-policy', '`span`, typical metadata, one trivial handler', 'async', 'ours', (i) =>
      span(E.spanPolicy, { user_id: 42, method: 'totp', ip: '203.0.113.7' }, () => workAsync(i)),
    ),
    row('execute-none', '`execute`, nothing attached', 'sync', 'ours', (i) => {
      execute(E.executeNone, { count: 1 }, { user_id: i });
      return work(i);
    }),
    row('execute-trivial', '`execute`, one trivial handler', 'sync', 'ours', (i) => {
      execute(E.executeTrivial, { count: 1 }, { user_id: i });
      return work(i);
    }),
  ];
}
