import { trace } from '@opentelemetry/api';
import { Span } from 'nestjs-otel';
import type { BenchRow } from '../harness/bench-row.types.js';
import { row } from '../harness/row.js';
import { work, workAsync } from './workload.js';

/** A service instrumented the nestjs-otel way, with the same metadata as the Sigra rows. */
class NestjsOtelService {
  @Span('bench.nestjs-otel', (i: number) => ({ attributes: { user_id: i } }))
  run(i: number): number {
    return work(i);
  }

  @Span('bench.nestjs-otel', (i: number) => ({ attributes: { user_id: i } }))
  async runAsync(i: number): Promise<number> {
    return workAsync(i);
  }
}

/**
 * OpenTelemetry peers: the API's `startActiveSpan` (the usual manual pattern) and nestjs-otel's
 * `@Span()`. Whether an SDK is behind them depends on the process they run in; `variant` names
 * it in the row ids and labels.
 */
export function otelRows(variant: 'no-sdk' | 'sdk'): BenchRow[] {
  const tracer = trace.getTracer('bench');
  const service = new NestjsOtelService();
  const suffix = variant === 'sdk' ? 'with SDK' : 'no SDK';
  return [
    row(`otel-api-${variant}`, `OTel API startActiveSpan, ${suffix}`, 'sync', 'peer', (i) =>
      tracer.startActiveSpan('bench.otel', { attributes: { user_id: i } }, (otelSpan) => {
        try {
          return work(i);
        } finally {
          otelSpan.end();
        }
      }),
    ),
    row(`otel-api-${variant}`, `OTel API startActiveSpan, ${suffix}`, 'async', 'peer', (i) =>
      tracer.startActiveSpan('bench.otel', { attributes: { user_id: i } }, async (otelSpan) => {
        try {
          return await workAsync(i);
        } finally {
          otelSpan.end();
        }
      }),
    ),
    row(`nestjs-otel-${variant}`, `nestjs-otel @Span(), ${suffix}`, 'sync', 'peer', (i) =>
      service.run(i),
    ),
    row(`nestjs-otel-${variant}`, `nestjs-otel @Span(), ${suffix}`, 'async', 'peer', (i) =>
      service.runAsync(i),
    ),
  ];
}
