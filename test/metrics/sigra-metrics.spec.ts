import { describe, expect, it } from 'vitest';
import {
  cataloguedEvents,
  execute,
  HANDLER_FAILURE_EVENT,
  SigraSignals,
  SigraSpans,
  span,
} from '../../lib/index.js';
import {
  attachMetrics,
  counter,
  SIGRA_DURATION_BUCKETS,
  sigraMetrics,
  type MetricObservation,
} from '../../lib/metrics/index.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

/** Span options adding `result` to the stop (the outcome contract; the typed catalog may not list it yet). */
const outcome = (result: string) => ({ stopMetadata: () => ({ result }) }) as never;

/** Emits a span's `stop` or `exception` directly, with a fixed duration. */
function endSpan(
  prefix: readonly string[],
  phase: 'stop' | 'exception',
  metadata: Record<string, unknown>,
): void {
  execute([...prefix, phase], { duration: 10, monotonic_time: 1 }, metadata);
}

function observeSigra(): { name: string; value: number; labels: Record<string, string> }[] {
  const seen: { name: string; value: number; labels: Record<string, string> }[] = [];
  attachMetrics({
    metrics: sigraMetrics(),
    reporter: {
      name: 'test',
      observe: ({ metric, value, labels }: MetricObservation) =>
        void seen.push({ name: metric.name, value, labels }),
    },
  });
  return seen;
}

describe('sigraMetrics', () => {
  it('covers the stop and exception of every catalogued span, and every catalogued signal', () => {
    const listened = new Set(sigraMetrics().map((metric) => metric.eventName.join('.')));
    const catalogued = cataloguedEvents()
      .map((name) => name.join('.'))
      .filter((name) => !name.endsWith('.start'));
    expect(catalogued.filter((name) => !listened.has(name))).toEqual([]);
    expect(listened.has(HANDLER_FAILURE_EVENT.join('.'))).toBe(true);
  });

  it('leaves the uncatalogued events out', () => {
    const listened = new Set(sigraMetrics().map((metric) => metric.eventName.join('.')));
    expect(listened.has([...SigraSpans.uncatalogued.passkeysRegister, 'stop'].join('.'))).toBe(
      false,
    );
    expect(listened.has(SigraSignals.uncatalogued.auditLog.join('.'))).toBe(false);
  });

  it('uses the documented metric names, buckets and units', () => {
    const metrics = sigraMetrics();
    expect([...new Set(metrics.map((metric) => metric.name))]).toEqual([
      'sigra.span.duration.seconds',
      'sigra.events.total',
      'sigra.mfa.verifications.total',
      'sigra.sessions.created.total',
      'sigra.handler.failures.total',
    ]);
    const durations = metrics.filter((metric) => metric.name === 'sigra.span.duration.seconds');
    for (const metric of durations) {
      expect(metric).toMatchObject({
        type: 'distribution',
        unit: 'second',
        unitConversion: { from: 'native', to: 'second' },
        tags: ['span', 'result'],
        reporterOptions: { buckets: SIGRA_DURATION_BUCKETS },
      });
    }
  });

  it('labels span durations by span and result: success by default, failure, exception', async () => {
    const seen = observeSigra();
    span(SigraSpans.auth.login, {}, () => 'ok');
    span(SigraSpans.auth.login, {}, () => 'no', outcome('failure'));
    span(SigraSpans.mfa.backupCodesRegenerate, { user_id: 1 }, () => 1, outcome('success'));
    await expect(
      span(SigraSpans.jwt.verify, {}, () => Promise.reject(new Error('bad'))),
    ).rejects.toThrow('bad');
    const durations = seen.filter((o) => o.name === 'sigra.span.duration.seconds');
    expect(durations.map((o) => o.labels)).toEqual([
      { span: 'auth.login', result: 'success' },
      { span: 'auth.login', result: 'failure' },
      { span: 'mfa.backup_codes.regenerate', result: 'success' },
      { span: 'jwt.verify', result: 'exception' },
    ]);
    for (const { value } of durations) expect(value).toBeGreaterThanOrEqual(0);
  });

  it('counts signals by event, MFA verifications by method and result, sessions by type', () => {
    const seen = observeSigra();
    execute(SigraSignals.security.invalidCredentials, {}, { ip: '10.0.0.1', user_id: 3 });
    execute(SigraSignals.reset.requested, {}, { user_id: 1 });
    const mfaVerify = { user_id: 1, method: 'totp', result: 'failure' };
    endSpan(SigraSpans.mfa.verify, 'stop', mfaVerify);
    endSpan(SigraSpans.mfa.verify, 'exception', {
      ...mfaVerify,
      method: 'backup_code',
      kind: 'error',
    });
    endSpan(SigraSpans.session.create, 'stop', { user_id: 1, type: 'browser' });
    execute(HANDLER_FAILURE_EVENT, {}, { handler_id: 'h' });
    const counters = seen.filter((o) => o.name !== 'sigra.span.duration.seconds');
    expect(counters).toEqual([
      { name: 'sigra.events.total', value: 1, labels: { event: 'security.invalid_credentials' } },
      { name: 'sigra.events.total', value: 1, labels: { event: 'reset.requested' } },
      {
        name: 'sigra.mfa.verifications.total',
        value: 1,
        labels: { method: 'totp', result: 'failure' },
      },
      {
        name: 'sigra.mfa.verifications.total',
        value: 1,
        labels: { method: 'backup_code', result: 'exception' },
      },
      { name: 'sigra.sessions.created.total', value: 1, labels: { type: 'browser' } },
      { name: 'sigra.handler.failures.total', value: 1, labels: {} },
    ]);
  });

  it('drops groups and appends the user definitions', () => {
    const own = counter('app.signup.count', { eventName: ['app', 'signup'] });
    const metrics = sigraMetrics({ drop: ['spans', 'events', 'sessions'], metrics: [own] });
    expect([...new Set(metrics.map((metric) => metric.name))]).toEqual([
      'sigra.mfa.verifications.total',
      'sigra.handler.failures.total',
      'app.signup.count',
    ]);
  });

  it('takes other duration buckets', () => {
    const metrics = sigraMetrics({ buckets: [0.1, 1] });
    expect(metrics[0]?.reporterOptions.buckets).toEqual([0.1, 1]);
    expect(() => sigraMetrics({ buckets: [1, 0.1] })).toThrow(
      /distribution\('sigra\.span\.duration\.seconds'\): reporterOptions\.buckets must be strictly ascending/,
    );
  });

  it.each([
    [
      { drop: ['logins'] },
      /drop must list groups among spans, events, mfa, sessions, handlerFailures/,
    ],
    [{ metrics: [{ name: 'x' }] }, /metrics must be an array of definitions made by counter\(\)/],
    [null, /options must be an object/],
  ])('refuses bad options: %o', (options, message) => {
    expect(() => sigraMetrics(options as never)).toThrow(message);
  });
});
