import { Counter, Registry, register } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { execute, listHandlers, span, SigraSignals, SigraSpans } from '../../lib/index.js';
import {
  counter,
  distribution,
  lastValue,
  prometheusName,
  sigraMetrics,
  sum,
  summary,
} from '../../lib/metrics/index.js';
import { attachPrometheus } from '../../lib/prometheus/index.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

/** The sample lines of one metric in the exposition text (comments left out). */
async function samples(registry: Registry, name: string): Promise<string[]> {
  const text = await registry.getSingleMetricAsString(name);
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

describe('attachPrometheus', () => {
  it('maps each type to its prom-client metric, with HELP from the description', async () => {
    const registry = new Registry();
    attachPrometheus({
      registry,
      metrics: [
        counter('app.logins.total', {
          eventName: ['app', 'login'],
          tags: ['result'],
          description: 'Logins.',
        }),
        sum('app.login.bytes', { eventName: ['app', 'login'] }),
        lastValue('app.login.queue', { eventName: ['app', 'login'] }),
        summary('app.login.latency', { eventName: ['app', 'login'] }),
        distribution('app.login.duration', {
          eventName: ['app', 'login'],
          unit: { from: 'native', to: 'second' },
          reporterOptions: { buckets: [0.1, 1] },
        }),
      ],
    });
    execute(['app', 'login'], { bytes: 10, queue: 3, latency: 7, duration: 5e8 }, { result: 'ok' });
    execute(['app', 'login'], { bytes: 5, queue: 1, latency: 9, duration: 2e9 }, { result: 'ok' });

    const types = (await registry.getMetricsAsJSON()).map(({ name, type, help }) => [
      name,
      type,
      help,
    ]);
    expect(types).toEqual([
      ['app_logins_total', 'counter', 'Logins.'],
      ['app_login_bytes', 'counter', 'Sigra metric app.login.bytes.'],
      ['app_login_queue', 'gauge', 'Sigra metric app.login.queue.'],
      ['app_login_latency', 'summary', 'Sigra metric app.login.latency.'],
      ['app_login_duration', 'histogram', 'Sigra metric app.login.duration.'],
    ]);
    expect(await samples(registry, 'app_logins_total')).toEqual([
      'app_logins_total{result="ok"} 2',
    ]);
    expect(await samples(registry, 'app_login_bytes')).toEqual(['app_login_bytes 15']);
    expect(await samples(registry, 'app_login_queue')).toEqual(['app_login_queue 1']);
    expect(await samples(registry, 'app_login_latency')).toContain('app_login_latency_count 2');
    expect(await samples(registry, 'app_login_duration')).toEqual([
      'app_login_duration_bucket{le="0.1"} 0',
      'app_login_duration_bucket{le="1"} 1',
      'app_login_duration_bucket{le="+Inf"} 2',
      'app_login_duration_sum 2.5',
      'app_login_duration_count 2',
    ]);
  });

  it('reports sigraMetrics() under the documented names, definitions of one name feeding one metric', async () => {
    const registry = new Registry();
    attachPrometheus({ registry, metrics: sigraMetrics() });
    span(SigraSpans.auth.login, {}, () => 'ok');
    span(SigraSpans.auth.login, {}, () => 'no', {
      stopMetadata: () => ({ result: 'failure' }),
    } as never);
    execute(SigraSignals.security.invalidCredentials, {}, { user_id: 1, ip: '10.0.0.1' } as never);
    execute(SigraSignals.security.invalidCredentials, {}, { user_id: 2, ip: '10.0.0.2' } as never);
    execute(
      SigraSignals.security.lockout,
      {},
      { user_id: 1, ip: '10.0.0.1', reason: 'threshold_reached' },
    );

    expect((await registry.getMetricsAsJSON()).map((metric) => metric.name)).toEqual([
      'sigra_span_duration_seconds',
      'sigra_events_total',
      'sigra_mfa_verifications_total',
      'sigra_sessions_created_total',
      'sigra_handler_failures_total',
    ]);
    expect(await samples(registry, 'sigra_events_total')).toEqual([
      'sigra_events_total{event="security.invalid_credentials"} 2',
      'sigra_events_total{event="security.lockout"} 1',
    ]);
    const counts = (await samples(registry, 'sigra_span_duration_seconds')).filter((line) =>
      line.startsWith('sigra_span_duration_seconds_count'),
    );
    expect(counts).toEqual([
      'sigra_span_duration_seconds_count{span="auth.login",result="success"} 1',
      'sigra_span_duration_seconds_count{span="auth.login",result="failure"} 1',
    ]);
    const text = await registry.metrics();
    expect(text).not.toMatch(/10\.0\.0|user_id/);
  });

  it('uses the global registry by default and unregisters its metrics on stop', async () => {
    const stop = attachPrometheus({
      metrics: [counter('app.signups.total', { eventName: ['app', 'signup'] })],
    });
    try {
      execute(['app', 'signup']);
      expect(await samples(register, 'app_signups_total')).toEqual(['app_signups_total 1']);
    } finally {
      stop();
    }
    expect(register.getSingleMetric('app_signups_total')).toBeUndefined();
    expect(listHandlers([])).toEqual([]);
    stop();
    // the name is free again
    attachPrometheus({
      metrics: [counter('app.signups.total', { eventName: ['app', 'signup'] })],
    })();
  });

  it('lives beside the app own metrics in a shared registry', async () => {
    const registry = new Registry();
    const own = new Counter({ name: 'app_orders_total', help: 'Orders.', registers: [registry] });
    own.inc();
    const stop = attachPrometheus({ registry, metrics: sigraMetrics({ drop: ['spans'] }) });
    stop();
    expect((await registry.getMetricsAsJSON()).map((metric) => metric.name)).toEqual([
      'app_orders_total',
    ]);
  });

  it('refuses a name the registry already has, registering and attaching nothing', () => {
    const registry = new Registry();
    const taken = new Counter({
      name: 'sigra_events_total',
      help: 'Someone else.',
      registers: [registry],
    });
    expect(() => attachPrometheus({ registry, metrics: sigraMetrics() })).toThrow(
      /the registry already has sigra_events_total\. Stop the earlier attachPrometheus/,
    );
    expect(registry.getMetricsAsArray()).toEqual([taken]);
    expect(listHandlers([])).toEqual([]);
  });

  it('refuses two definitions that share a name but not a shape', () => {
    const registry = new Registry();
    const metrics = [
      counter('app.x.total', { eventName: ['a'], tags: ['result'] }),
      counter('app.x.total', { eventName: ['b'], tags: ['method'] }),
    ];
    expect(() => attachPrometheus({ registry, metrics })).toThrow(
      /counter\("app\.x\.total"\) and counter\("app\.x\.total"\) both report as app_x_total but differ in type, tags, unit or buckets/,
    );
    expect(registry.getMetricsAsArray()).toHaveLength(0);
  });

  it('takes a Prometheus name override', () => {
    expect(
      prometheusName(counter('a.b', { reporterOptions: { prometheusName: 'my_total' } })),
    ).toBe('my_total');
    expect(prometheusName(counter('sigra.events.total'))).toBe('sigra_events_total');
  });

  it('skips a negative sum with a warning instead of breaking the counter', async () => {
    const registry = new Registry();
    const logger = { warn: vi.fn() };
    attachPrometheus({ registry, logger, metrics: [sum('app.x.n', { eventName: ['app', 'x'] })] });
    execute(['app', 'x'], { n: 2 });
    execute(['app', 'x'], { n: -1 });
    execute(['app', 'x'], { n: 3 });
    expect(await samples(registry, 'app_x_n')).toEqual(['app_x_n 5']);
    expect(logger.warn).toHaveBeenCalledOnce();
  });

  it.each([
    [undefined, /options must be an object \{ metrics, registry\? \}/],
    [{ metrics: [], registry: {} }, /registry must be a prom-client Registry/],
    [{ metrics: 'all' }, /attachPrometheus: metrics must be an array of definitions/],
    [
      { metrics: [{ name: 'x' }], registry: new Registry() },
      /metrics must be an array of definitions made by counter\(\)/,
    ],
  ])('refuses bad options: %o', (options, message) => {
    expect(() => attachPrometheus(options as never)).toThrow(message);
  });
});
