import { metrics as globalMetrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execute, listHandlers, SigraSignals, SigraSpans, span } from '../../lib/index.js';
import {
  counter,
  distribution,
  lastValue,
  sigraMetrics,
  sum,
  summary,
} from '../../lib/metrics/index.js';
import { attachOpenTelemetryMetrics, SIGRA_METER_NAME } from '../../lib/opentelemetry/index.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

let exporter: InMemoryMetricExporter;
let reader: PeriodicExportingMetricReader;
let provider: MeterProvider;

beforeEach(() => {
  exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  provider = new MeterProvider({ readers: [reader] });
});
afterEach(async () => {
  await provider.shutdown();
  globalMetrics.disable();
});

/** Every metric the SDK exported, by instrument name, after a flush. */
async function collected(): Promise<Map<string, MetricData>> {
  await reader.forceFlush();
  const byName = new Map<string, MetricData>();
  for (const resource of exporter.getMetrics()) {
    for (const scope of resource.scopeMetrics) {
      for (const metric of scope.metrics) byName.set(metric.descriptor.name, metric);
    }
  }
  return byName;
}

describe('attachOpenTelemetryMetrics', () => {
  it('maps each type to its instrument, with description, UCUM unit and buckets', async () => {
    attachOpenTelemetryMetrics({
      meter: provider.getMeter('test'),
      metrics: [
        counter('app.logins', {
          eventName: ['app', 'login'],
          tags: ['result'],
          description: 'Logins.',
        }),
        sum('app.login.delta', { eventName: ['app', 'login'], unit: 'byte' }),
        lastValue('app.login.queue', { eventName: ['app', 'login'] }),
        summary('app.login.latency', {
          eventName: ['app', 'login'],
          unit: { from: 'native', to: 'millisecond' },
        }),
        distribution('app.login.duration', {
          eventName: ['app', 'login'],
          unit: { from: 'native', to: 'second' },
          reporterOptions: { buckets: [0.1, 1] },
        }),
      ],
    });
    execute(
      ['app', 'login'],
      { delta: 10, queue: 3, latency: 2e6, duration: 5e8 },
      { result: 'ok' },
    );
    execute(
      ['app', 'login'],
      { delta: -4, queue: 1, latency: 4e6, duration: 2e9 },
      { result: 'ok' },
    );

    const metrics = await collected();
    const logins = metrics.get('app.logins');
    expect(logins?.descriptor).toMatchObject({
      type: 'COUNTER',
      description: 'Logins.',
      unit: '1',
    });
    expect(logins?.dataPoints.map((p) => [p.attributes, p.value])).toEqual([[{ result: 'ok' }, 2]]);

    const delta = metrics.get('app.login.delta');
    expect(delta).toMatchObject({ dataPointType: DataPointType.SUM, isMonotonic: false });
    expect(delta?.descriptor.unit).toBe('By');
    expect(delta?.dataPoints[0]?.value).toBe(6);

    const queue = metrics.get('app.login.queue');
    expect(queue?.dataPointType).toBe(DataPointType.GAUGE);
    expect(queue?.dataPoints[0]?.value).toBe(1);

    const latency = metrics.get('app.login.latency');
    expect(latency?.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(latency?.descriptor.unit).toBe('ms');
    expect(latency?.dataPoints[0]?.value).toMatchObject({ count: 2, sum: 6 });

    const duration = metrics.get('app.login.duration');
    expect(duration?.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(duration?.descriptor.unit).toBe('s');
    expect(duration?.dataPoints[0]?.value).toMatchObject({
      count: 2,
      sum: 2.5,
      buckets: { boundaries: [0.1, 1], counts: [0, 1, 1] },
    });
  });

  it('reports sigraMetrics(), definitions of one name feeding one instrument', async () => {
    attachOpenTelemetryMetrics({ meter: provider.getMeter('test'), metrics: sigraMetrics() });
    span(SigraSpans.auth.login, {}, () => 'ok');
    span(SigraSpans.auth.login, {}, () => 'no', {
      stopMetadata: () => ({ result: 'failure' }),
    } as never);
    execute(
      SigraSignals.security.lockout,
      {},
      { user_id: 1, ip: '10.0.0.1', reason: 'threshold_reached' },
    );

    const metrics = await collected();
    const spans = metrics.get('sigra.span.duration.seconds');
    expect(
      spans?.dataPoints.map((p) => [p.attributes, (p.value as { count: number }).count]),
    ).toEqual([
      [{ span: 'auth.login', result: 'success' }, 1],
      [{ span: 'auth.login', result: 'failure' }, 1],
    ]);
    const events = metrics.get('sigra.events.total');
    expect(events?.dataPoints.map((p) => [p.attributes, p.value])).toEqual([
      [{ event: 'security.lockout' }, 1],
    ]);
    expect(JSON.stringify([...metrics.values()])).not.toMatch(/10\.0\.0\.1|user_id/);
  });

  it('uses the global meter provider by default, and detaches on stop', async () => {
    globalMetrics.setGlobalMeterProvider(provider);
    const stop = attachOpenTelemetryMetrics({
      metrics: [counter('app.signups', { eventName: ['app', 'signup'] })],
    });
    execute(['app', 'signup']);
    stop();
    execute(['app', 'signup']);
    const metrics = await collected();
    expect(metrics.get('app.signups')?.dataPoints[0]?.value).toBe(1);
    expect(exporter.getMetrics()[0]?.scopeMetrics[0]?.scope.name).toBe(SIGRA_METER_NAME);
    expect(listHandlers([])).toEqual([]);
  });

  it.each([
    [null, /options must be an object \{ metrics, meter\? \}/],
    [{ metrics: {} }, /attachOpenTelemetryMetrics: metrics must be an array of definitions/],
    [{ metrics: [], meter: {} }, /meter must be an OpenTelemetry Meter/],
  ])('refuses bad options: %o', (options, message) => {
    expect(() => attachOpenTelemetryMetrics(options as never)).toThrow(message);
  });
});
