import type { BenchRow } from '../harness/bench-row.types.js';
import { row } from '../harness/row.js';
import { createTracingChannels } from './tracing-channel-peer.js';
import { work, workAsync } from './workload.js';

/** `diagnostics_channel` TracingChannel, given the same per-call context object and closure. */
export function tracingChannelRows(): BenchRow[] {
  const { idle, timedSync, timedAsync } = createTracingChannels();
  return [
    row('tc-none', 'TracingChannel, no subscriber', 'sync', 'peer', (i) =>
      idle.traceSync(() => work(i), { user_id: i }),
    ),
    row('tc-none', 'TracingChannel, no subscriber', 'async', 'peer', (i) =>
      idle.tracePromise(() => workAsync(i), { user_id: i }),
    ),
    row('tc-timed', 'TracingChannel, one timing subscriber', 'sync', 'peer', (i) =>
      timedSync.traceSync(() => work(i), { user_id: i }),
    ),
    row('tc-timed', 'TracingChannel, one timing subscriber', 'async', 'peer', (i) =>
      timedAsync.tracePromise(() => workAsync(i), { user_id: i }),
    ),
  ];
}
