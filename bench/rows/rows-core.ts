import { execute, SigraSpan, span } from '@sigra/nestjs-telemetry';
import type { BenchRow } from '../harness/bench-row.types.js';
import { BENCH_EVENTS as E } from './bench-events.js';
import { row } from '../harness/row.js';
import { work, workAsync } from './workload.js';

/**
 * Makes `spanNone` known to the registry for the life of the process without attaching anything,
 * as the catalog makes every Sigra name known: `span(SigraSpans.auth.login, …)` with nothing
 * attached finds a known name, and so does the "nothing attached" row.
 */
export class KnownIdleName {
  @SigraSpan(E.spanNone)
  idle(): void {}
}

/**
 * The core API, called as applications call it: a fresh metadata object and a fresh closure
 * per call.
 */
export function coreRows(): BenchRow[] {
  return [
    row('span-none', '`span`, nothing attached, name a frozen constant', 'sync', 'ours', (i) =>
      span(E.spanNone, { user_id: i }, () => work(i)),
    ),
    row('span-none', '`span`, nothing attached, name a frozen constant', 'async', 'ours', (i) =>
      span(E.spanNone, { user_id: i }, () => workAsync(i)),
    ),
    // The same name written as a literal array per call, as upstream's docs and the README do.
    row('span-literal', '`span`, nothing attached, name a literal array', 'sync', 'ours', (i) =>
      span(['bench', 'span', 'none'], { user_id: i }, () => work(i)),
    ),
    row('span-literal', '`span`, nothing attached, name a literal array', 'async', 'ours', (i) =>
      span(['bench', 'span', 'none'], { user_id: i }, () => workAsync(i)),
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
