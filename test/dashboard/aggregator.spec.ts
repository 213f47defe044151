import { afterEach, describe, expect, it } from 'vitest';
import { execute } from '../../lib/core/index.js';
import { DashboardAggregator } from '../../lib/dashboard/dashboard.aggregator.js';
import { DISTRIBUTION_SAMPLE_SIZE } from '../../lib/dashboard/dashboard.slots.js';
import {
  attachMetrics,
  counter,
  distribution,
  lastValue,
  sum,
  summary,
  type MetricDefinition,
  type StopMetrics,
} from '../../lib/metrics/index.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

const RESOLUTION = 1000;
const T0 = 1_700_000_000_000;

let stop: StopMetrics | undefined;
afterEach(() => stop?.());

/** An aggregator fed by the real reporter core, on a clock the test moves. */
function aggregate(metrics: MetricDefinition[], points = 5) {
  const clock = { now: T0 };
  const aggregator = new DashboardAggregator(
    metrics,
    { points, resolutionMs: RESOLUTION },
    () => clock.now,
  );
  stop = attachMetrics({ metrics, reporter: aggregator, logger: { warn: () => {} } });
  return { aggregator, clock };
}

/** The points of the only series of a snapshot. */
function onlySeriesPoints(aggregator: DashboardAggregator) {
  const { data } = aggregator.snapshot();
  expect(data).toHaveLength(1);
  return data[0]?.points;
}

describe('DashboardAggregator, fed by attachMetrics', () => {
  it('counts a counter per time slot, one series per label set', () => {
    const { aggregator, clock } = aggregate([counter('app.login.count', { tags: ['result'] })]);
    execute(['app', 'login'], {}, { result: 'ok' });
    execute(['app', 'login'], {}, { result: 'ok' });
    execute(['app', 'login'], {}, { result: 'denied' });
    clock.now += RESOLUTION;
    execute(['app', 'login'], {}, { result: 'ok' });

    const { series, data } = aggregator.snapshot();
    expect(series.map((s) => s.labels)).toEqual([{ result: 'ok' }, { result: 'denied' }]);
    expect(data[0]?.points).toEqual([
      [T0, 2],
      [T0 + RESOLUTION, 1],
    ]);
    expect(data[1]?.points).toEqual([[T0, 1]]);
  });

  it('keeps a sum per slot and its running total, and the last value of a gauge', () => {
    const { aggregator, clock } = aggregate([
      sum('app.upload.bytes'),
      lastValue('app.queue.length', { measurement: 'length' }),
    ]);
    execute(['app', 'upload'], { bytes: 10 }, {});
    execute(['app', 'upload'], { bytes: 5 }, {});
    execute(['app', 'queue'], { length: 7 }, {});
    execute(['app', 'queue'], { length: 3 }, {});
    clock.now += RESOLUTION;
    execute(['app', 'upload'], { bytes: 1 }, {});

    const { data } = aggregator.snapshot();
    expect(data[0]?.points).toEqual([
      [T0, 15, 15],
      [T0 + RESOLUTION, 1, 16],
    ]);
    expect(data[1]?.points).toEqual([[T0, 3]]);
  });

  it('summarises count, average, min and max per slot', () => {
    const { aggregator } = aggregate([summary('app.query.duration')]);
    for (const duration of [4, 1, 7]) execute(['app', 'query'], { duration }, {});
    expect(onlySeriesPoints(aggregator)).toEqual([[T0, 3, 4, 1, 7]]);
  });

  it('gives a distribution p50/p95/p99 per slot and bucket counts since the start, after unit conversion', () => {
    const { aggregator, clock } = aggregate([
      distribution('app.login.duration', {
        unit: { from: 'millisecond', to: 'second' },
        reporterOptions: { buckets: [0.01, 0.1, 1] },
      }),
    ]);
    for (let ms = 1; ms <= 100; ms++) execute(['app', 'login'], { duration: ms }, {});
    clock.now += RESOLUTION;
    execute(['app', 'login'], { duration: 5000 }, {});

    const [series] = aggregator.snapshot().data;
    expect(series?.points).toEqual([
      [T0, 100, 0.05, 0.095, 0.099],
      [T0 + RESOLUTION, 1, 5, 5, 5],
    ]);
    // ≤0.01: 1..10 ms; ≤0.1: 11..100 ms; ≤1: none; above: the 5 s one.
    expect(series?.bucketCounts).toEqual([10, 90, 0, 1]);
  });

  it('samples a busy slot: percentiles stay within the values, memory stays fixed', () => {
    const { aggregator } = aggregate([distribution('app.login.duration')]);
    const events = DISTRIBUTION_SAMPLE_SIZE * 20;
    for (let i = 0; i < events; i++) execute(['app', 'login'], { duration: i % 100 }, {});
    const [point] = onlySeriesPoints(aggregator) ?? [];
    expect(point?.[1]).toBe(events);
    expect(point?.[2]).toBeGreaterThanOrEqual(35);
    expect(point?.[2]).toBeLessThanOrEqual(65);
    expect(point?.[4]).toBeGreaterThanOrEqual(90);
  });

  it('keeps at most `points` slots per series, the oldest falling off', () => {
    const { aggregator, clock } = aggregate([counter('app.login.count')], 3);
    for (let slot = 0; slot < 10; slot++) {
      execute(['app', 'login'], {}, {});
      clock.now += RESOLUTION;
    }
    // Seven slots have fallen off; the three closed ones within the window remain.
    expect(onlySeriesPoints(aggregator)?.map(([time]) => (time as number) - T0)).toEqual([
      7000, 8000, 9000,
    ]);
  });

  it('charts definitions that share a name together, with one series per label values', () => {
    const metrics = [
      counter('app.auth.total', {
        eventName: ['app', 'login'],
        tags: ['op'],
        tagValues: () => ({ op: 'login' }),
      }),
      counter('app.auth.total', {
        eventName: ['app', 'logout'],
        tags: ['op'],
        tagValues: () => ({ op: 'logout' }),
      }),
    ];
    const { aggregator } = aggregate(metrics);
    execute(['app', 'login'], {}, {});
    execute(['app', 'logout'], {}, {});
    execute(['app', 'logout'], {}, {});
    expect(aggregator.charts).toHaveLength(1);
    const { series, data } = aggregator.snapshot();
    expect(series.map((s) => [s.chart, s.labels])).toEqual([
      [0, { op: 'login' }],
      [0, { op: 'logout' }],
    ]);
    expect(data.map((d) => d.points)).toEqual([[[T0, 1]], [[T0, 2]]]);
  });

  it('refuses one name declared with two types', () => {
    expect(
      () =>
        new DashboardAggregator(
          [counter('app.login.count'), sum('app.login.count', { measurement: 'n' })],
          { points: 5, resolutionMs: RESOLUTION },
        ),
    ).toThrow(/app\.login\.count is declared both as counter and as sum.*different names/);
  });

  it('hands out, per update, only the series created and the points changed since the last one', () => {
    const { aggregator, clock } = aggregate([counter('app.login.count', { tags: ['result'] })]);
    expect(aggregator.takeUpdate()).toEqual({ series: [], data: [] });
    execute(['app', 'login'], {}, { result: 'ok' });
    execute(['app', 'login'], {}, { result: 'ok' });
    expect(aggregator.takeUpdate()).toEqual({
      series: [{ id: 0, chart: 0, labels: { result: 'ok' } }],
      data: [{ series: 0, points: [[T0, 2]] }],
    });
    expect(aggregator.takeUpdate()).toEqual({ series: [], data: [] });
    execute(['app', 'login'], {}, { result: 'ok' });
    clock.now += RESOLUTION;
    execute(['app', 'login'], {}, { result: 'ok' });
    // The slot that closed is sent with its final count, then the open one.
    expect(aggregator.takeUpdate().data).toEqual([
      {
        series: 0,
        points: [
          [T0, 3],
          [T0 + RESOLUTION, 1],
        ],
      },
    ]);
  });
});
