import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sigraAlertRules, sigraDashboardQueries } from '../../lib/metrics/index.js';
import { STORY_ROUND, runStory, runStuffingBurst } from './support/auth-story.js';
import { eventually, startPrometheus, type PrometheusServer } from './support/prometheus-server.js';
import { freePort, startProcess, type StartedProcess } from './support/processes.js';

// Needs `npm run build:sample` (the pretest script) and Debian's /usr/bin/prometheus (.ci/run
// installs it). Two sample-app instances and Prometheus, all on 127.0.0.1, stopped by PID.
const INSTANCE = fileURLToPath(new URL('support/sample-instance.mjs', import.meta.url));
const SCRAPE_WAIT_MS = 20_000;
/**
 * The shipped rules scaled to a test's traffic: a burst of 60 failed logins in a few seconds is
 * about 0.2/s over the 5 m window; the story alone (20 failures) stays under 0.1/s.
 */
const STUFFING_TEST_THRESHOLDS = { stuffingFailuresPerSecond: 0.1, stuffingFor: '2s' } as const;

let apps: StartedProcess[] = [];
let prometheus: PrometheusServer | undefined;
let bases: string[] = [];

async function startInstance(port: number): Promise<StartedProcess> {
  return startProcess(process.execPath, [INSTANCE], {
    env: { PORT: String(port), METRICS_TOKEN: '' },
    ready: /^ready$/,
    timeoutMs: 30_000,
  });
}

/** The single value of a `sum(...)` query, or undefined when it has no sample. */
async function single(promql: string): Promise<number | undefined> {
  const result = await (prometheus as PrometheusServer).query(promql);
  return result[0]?.value;
}

/** Waits for the scrape that shows `expected`, then returns what Prometheus answers. */
function sumAfterScrape(promql: string, expected: number): Promise<number | undefined> {
  return eventually(
    () => single(promql),
    (value) => value === expected,
    SCRAPE_WAIT_MS,
  );
}

beforeAll(async () => {
  const ports = [await freePort(), await freePort()];
  apps = await Promise.all(ports.map(startInstance));
  bases = ports.map((port) => `http://127.0.0.1:${port}`);
  prometheus = await startPrometheus(
    ports.map((port) => `127.0.0.1:${port}`),
    sigraAlertRules(STUFFING_TEST_THRESHOLDS),
  );
  // Both targets scraped before any traffic, so every counter starts from a known zero.
  const up = await eventually(
    () => single('sum(up{job="sigra-sample"})'),
    (value) => value === 2,
    SCRAPE_WAIT_MS,
  );
  expect(up, prometheus.output()).toBe(2);
}, 90_000);

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all(apps.map((app) => app.stop()));
}, 30_000);

describe('a real Prometheus scraping two sample-app instances', () => {
  it('sums what was sent, across both instances, in two rounds', async () => {
    const [a, b] = bases as [string, string];
    const sums: [string, number][] = [
      [
        'sum(sigra_events_total{event="security.invalid_credentials"})',
        STORY_ROUND.invalidCredentials,
      ],
      [
        'sum(sigra_span_duration_seconds_count{span="auth.login",result="failure"})',
        STORY_ROUND.loginFailures,
      ],
      [
        'sum(sigra_span_duration_seconds_count{span="auth.login",result="success"})',
        STORY_ROUND.loginSuccesses,
      ],
      [
        'sum(sigra_span_duration_seconds_count{span="auth.register",result="success"})',
        STORY_ROUND.registrations,
      ],
      ['sum(sigra_events_total{event="security.lockout"})', STORY_ROUND.lockouts],
      ['sum(sigra_sessions_created_total)', STORY_ROUND.sessionsCreated],
      [
        'sum(sigra_mfa_verifications_total{method="totp",result="failure"})',
        STORY_ROUND.mfaFailures,
      ],
      [
        'sum(sigra_mfa_verifications_total{method="totp",result="success"})',
        STORY_ROUND.mfaSuccesses,
      ],
    ];
    for (const round of [1, 2]) {
      await runStory(a, b, round);
      for (const [promql, perRound] of sums) {
        expect(await sumAfterScrape(promql, perRound * round), promql).toBe(perRound * round);
      }
    }
    // Both instances contributed: the failures are split between them as the story sends them.
    const byInstance = await (prometheus as PrometheusServer).query(
      'sum by (instance) (sigra_span_duration_seconds_count{span="auth.login",result="failure"})',
    );
    expect(byInstance.map((sample) => sample.value).toSorted((x, y) => x - y)).toEqual([4, 16]);
    expect(await single('sum(sigra_handler_failures_total)')).toBe(0);
  }, 120_000);

  it('answers every PromQL expression of the dashboard with data', async () => {
    for (const expr of sigraDashboardQueries()) {
      const result = await eventually(
        () => (prometheus as PrometheusServer).query(expr),
        (samples) => samples.some((sample) => Number.isFinite(sample.value)),
        SCRAPE_WAIT_MS,
      );
      expect(
        result.filter((sample) => Number.isFinite(sample.value)),
        expr,
      ).not.toEqual([]);
    }
  }, 120_000);

  it('fires the credential-stuffing alert on a burst across both instances, and not the reuse alert', async () => {
    const server = prometheus as PrometheusServer;
    const before = await server.alerts();
    expect(before.filter((alert) => alert.labels.alertname === 'SigraCredentialStuffing')).toEqual(
      [],
    );
    await runStuffingBurst(bases, 30);
    const alerts = await eventually(
      () => server.alerts(),
      (list) =>
        list.some(
          (alert) =>
            alert.labels.alertname === 'SigraCredentialStuffing' && alert.state === 'firing',
        ),
      30_000,
    );
    expect(
      alerts.map(({ labels, state }) => [labels.alertname, labels.severity, state]),
      server.output(),
    ).toEqual([['SigraCredentialStuffing', 'critical', 'firing']]);
  }, 60_000);
});
