import type { BenchRow } from '../harness/bench-row.types.js';
import { row } from '../harness/row.js';
import { SigraSpanService } from './rows-decorated.js';

/**
 * `@SigraSpan` through the OpenTelemetry bridge, no handler attached: the same OpenTelemetry
 * span as the hand-written `startActiveSpan` peer (one attribute, active while the call runs),
 * plus the policy and the Sigra span itself.
 */
export function otelBridgeRows(): BenchRow[] {
  const service = new SigraSpanService();
  const label = '`@SigraSpan` method, OpenTelemetry bridge + SDK';
  return [
    row('decorated-otel', label, 'sync', 'ours', (i) => service.idle(i)),
    row('decorated-otel', label, 'async', 'ours', (i) => service.idleAsync(i)),
  ];
}
