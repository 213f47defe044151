import { SIGRA_PROMETHEUS_NAMES as N } from './sigra-metric-names.constants.js';

/** Window of every `rate()` of the dashboard: literal, so each expression runs as written. */
const WINDOW = '5m';

interface Target {
  readonly expr: string;
  readonly legendFormat: string;
}

interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly targets: readonly Target[];
  readonly type?: 'timeseries' | 'stat';
}

const rate = (selector: string) => `rate(${selector}[${WINDOW}])`;

function quantile(q: number): Target {
  return {
    expr: `histogram_quantile(${q}, sum by (le, span) (${rate(`${N.spanDuration}_bucket`)}))`,
    legendFormat: `p${Math.round(q * 100)} {{span}}`,
  };
}

const LOGIN = `${N.spanDuration}_count{span="auth.login"}`;

/** The panels, in reading order; every expression sums across instances. */
const PANELS: readonly PanelSpec[] = [
  {
    title: 'Logins per second by result',
    description:
      'auth.login spans across all instances: success, failure (wrong credentials, locked), exception.',
    unit: 'ops',
    targets: [{ expr: `sum by (result) (${rate(LOGIN)})`, legendFormat: '{{result}}' }],
  },
  {
    title: 'Login failure ratio',
    description: 'Share of auth.login spans that did not succeed, across all instances.',
    unit: 'percentunit',
    targets: [
      {
        expr: `sum(${rate(`${N.spanDuration}_count{span="auth.login",result!="success"}`)}) / sum(${rate(LOGIN)})`,
        legendFormat: 'failure ratio',
      },
    ],
  },
  {
    title: 'Latency p50 / p95 / p99 by span',
    description:
      'From the sigra_span_duration_seconds histogram, all results, across all instances.',
    unit: 's',
    targets: [quantile(0.5), quantile(0.95), quantile(0.99)],
  },
  {
    title: 'Operations per second by span and result',
    description: 'Every catalogued span, across all instances.',
    unit: 'ops',
    targets: [
      {
        expr: `sum by (span, result) (${rate(`${N.spanDuration}_count`)})`,
        legendFormat: '{{span}} {{result}}',
      },
    ],
  },
  {
    title: 'Security signals per minute by event',
    description:
      'invalid_credentials, lockout, rate_limited, suspicious_login, across all instances.',
    unit: 'short',
    targets: [
      {
        expr: `sum by (event) (${rate(`${N.events}{event=~"security[.].+"}`)}) * 60`,
        legendFormat: '{{event}}',
      },
    ],
  },
  {
    title: 'All signals per minute by event',
    description: 'Every catalogued one-shot signal, across all instances.',
    unit: 'short',
    targets: [{ expr: `sum by (event) (${rate(N.events)}) * 60`, legendFormat: '{{event}}' }],
  },
  {
    title: 'MFA verifications per minute by method and result',
    description: 'mfa.verify outcomes, across all instances.',
    unit: 'short',
    targets: [
      {
        expr: `sum by (method, result) (${rate(N.mfaVerifications)}) * 60`,
        legendFormat: '{{method}} {{result}}',
      },
    ],
  },
  {
    title: 'Sessions created per minute by type',
    description: 'session.create spans, across all instances.',
    unit: 'short',
    targets: [
      { expr: `sum by (type) (${rate(N.sessionsCreated)}) * 60`, legendFormat: '{{type}}' },
    ],
  },
  {
    title: 'Telemetry handler failures (last 5 minutes)',
    description:
      'Handlers that threw and were detached: some telemetry (logs, metrics) is lost until restart.',
    unit: 'short',
    type: 'stat',
    targets: [{ expr: `sum(increase(${N.handlerFailures}[${WINDOW}]))`, legendFormat: 'failures' }],
  },
];

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;

function panel(spec: PanelSpec, index: number): object {
  const width = 12;
  return {
    id: index + 1,
    type: spec.type ?? 'timeseries',
    title: spec.title,
    description: spec.description,
    datasource: DATASOURCE,
    gridPos: { h: 8, w: width, x: (index % 2) * width, y: Math.floor(index / 2) * 8 },
    fieldConfig: { defaults: { unit: spec.unit }, overrides: [] },
    options: {},
    targets: spec.targets.map((target, i) => ({
      refId: String.fromCharCode(65 + i),
      datasource: DATASOURCE,
      expr: target.expr,
      legendFormat: target.legendFormat,
    })),
  };
}

/**
 * The Grafana dashboard over `sigraMetrics()` (shipped as `dashboards/sigra-auth.json`): login
 * rate and failure ratio, p50/p95/p99 latency per span, security signals, MFA outcomes,
 * sessions, handler failures. Every expression sums across instances (`sum by (…)`), so one
 * panel covers every pod. Import it in Grafana and pick the Prometheus data source.
 * @publicApi
 */
export function sigraGrafanaDashboard(): Record<string, unknown> {
  return {
    title: 'Sigra authentication',
    uid: 'sigra-auth',
    description: 'Sigra authentication telemetry across all instances (sigraMetrics()).',
    tags: ['sigra', 'authentication', 'security'],
    editable: true,
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        {
          name: 'datasource',
          label: 'Prometheus',
          type: 'datasource',
          query: 'prometheus',
          current: {},
          hide: 0,
        },
      ],
    },
    panels: PANELS.map(panel),
  };
}

/** Every PromQL expression of the dashboard, in panel order. @publicApi */
export function sigraDashboardQueries(): string[] {
  return PANELS.flatMap((spec) => spec.targets.map((target) => target.expr));
}
