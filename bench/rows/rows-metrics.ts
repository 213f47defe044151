import { attach, execute, type Metadata } from '@sigra/nestjs-telemetry';
import { counter, distribution, SIGRA_DURATION_BUCKETS } from '@sigra/nestjs-telemetry/metrics';
import { attachPrometheus } from '@sigra/nestjs-telemetry/prometheus';
import { Counter, Histogram, Registry } from 'prom-client';
import type { BenchRow } from '../harness/bench-row.types.js';
import { row } from '../harness/row.js';
import { work } from './workload.js';

/** Each row emits its own event, so each sees exactly the handler it describes. */
const EVENTS = {
  oursStop: ['bench', 'metrics', 'ours', 'stop'],
  directStop: ['bench', 'metrics', 'direct', 'stop'],
  oursSignal: ['bench', 'metrics', 'ours', 'signal'],
  directSignal: ['bench', 'metrics', 'direct', 'signal'],
} as const;

const SPAN = 'auth.login';
const EVENT = 'security.invalid_credentials';

function stopResult(metadata: Metadata): 'success' | 'failure' {
  return metadata.result === 'failure' ? 'failure' : 'success';
}

/** Our reporter: the declarations of `sigra_span_duration_seconds` and `sigra_events_total`. */
function attachOurs(): void {
  attachPrometheus({
    registry: new Registry(),
    metrics: [
      distribution('sigra.span.duration.seconds', {
        eventName: EVENTS.oursStop,
        measurement: 'duration',
        unit: { from: 'native', to: 'second' },
        tags: ['span', 'result'],
        tagValues: (metadata) => ({ span: SPAN, result: stopResult(metadata) }),
        reporterOptions: { buckets: SIGRA_DURATION_BUCKETS },
      }),
      counter('sigra.events.total', {
        eventName: EVENTS.oursSignal,
        tags: ['event'],
        tagValues: () => ({ event: EVENT }),
      }),
    ],
  });
}

/** The peer: hand-written handlers calling prom-client's `observe` / `inc` with the same labels. */
function attachDirect(): void {
  const registry = new Registry();
  const histogram = new Histogram({
    name: 'sigra_span_duration_seconds',
    help: 'direct',
    labelNames: ['span', 'result'],
    buckets: [...SIGRA_DURATION_BUCKETS],
    registers: [registry],
  });
  const events = new Counter({
    name: 'sigra_events_total',
    help: 'direct',
    labelNames: ['event'],
    registers: [registry],
  });
  attach('bench-metrics-direct-stop', EVENTS.directStop, (_, measurements, metadata) => {
    histogram.observe(
      { span: SPAN, result: stopResult(metadata) },
      (measurements.duration as number) / 1e9,
    );
  });
  attach('bench-metrics-direct-signal', EVENTS.directSignal, () => {
    events.inc({ event: EVENT });
  });
}

/** A span stop as the core emits it: a duration in ns, a result on one call in four failed. */
function stop(name: readonly string[], i: number): number {
  execute(
    name,
    { duration: 150_000 + (i & 0xffff) * 1000, monotonic_time: i },
    { telemetry_span_context: i, user_id: 42, result: (i & 3) === 0 ? 'failure' : 'success' },
  );
  return work(i);
}

function signal(name: readonly string[], i: number): number {
  execute(name, {}, { user_id: 42, ip: '203.0.113.7' });
  return work(i);
}

/**
 * Per event: our Prometheus reporter against prom-client called directly from a handler, same
 * labels, same bucket list, each in its own registry; the core's dispatch is in both.
 */
export function metricsRows(): BenchRow[] {
  attachOurs();
  attachDirect();
  return [
    row(
      'prom-ours-histogram',
      'span stop → our Prometheus reporter (histogram)',
      'sync',
      'ours',
      (i) => stop(EVENTS.oursStop, i),
    ),
    row(
      'prom-direct-histogram',
      'span stop → prom-client `observe` in a handler',
      'sync',
      'peer',
      (i) => stop(EVENTS.directStop, i),
    ),
    row('prom-ours-counter', 'signal → our Prometheus reporter (counter)', 'sync', 'ours', (i) =>
      signal(EVENTS.oursSignal, i),
    ),
    row('prom-direct-counter', 'signal → prom-client `inc` in a handler', 'sync', 'peer', (i) =>
      signal(EVENTS.directSignal, i),
    ),
  ];
}
