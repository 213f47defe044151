import { describeSetting, describeValue } from '../shared/value-description.functions.js';
import { SIGRA_PROMETHEUS_NAMES as N } from './sigra-metric-names.constants.js';

/**
 * Thresholds of `sigraAlertRules()`. Durations are Prometheus durations (`'5m'`, `'30s'`).
 * @publicApi
 */
export interface SigraAlertThresholds {
  /** Failed `auth.login` per second across all instances (5 m rate) above which stuffing is suspected. */
  stuffingFailuresPerSecond: number;
  /** Share of `auth.login` that failed (5 m) above which stuffing is suspected, with the rate above. */
  stuffingFailureRatio: number;
  stuffingFor: string;
  /** `security.lockout` events in 15 minutes across all instances (one per locked account). */
  lockoutsPer15m: number;
  lockoutStormFor: string;
  /** Failed `mfa.verify` in 5 minutes across all instances. */
  mfaFailuresPer5m: number;
  /** `mfa.lockout` events in 15 minutes across all instances. */
  mfaLockoutsPer15m: number;
  mfaBruteForceFor: string;
  /** `security.rate_limited` per second across all instances (5 m rate). */
  rateLimitedPerSecond: number;
  rateLimitedFor: string;
  /** Last hour's `security.suspicious_login` rate ÷ the previous day's. */
  suspiciousLoginFactor: number;
  /** Fewest `security.suspicious_login` in the last hour for the factor to matter. */
  suspiciousLoginMinPerHour: number;
  suspiciousLoginFor: string;
  /**
   * Where each alert's `runbook` annotation points: this URL + the alert name in lower case
   * (the README's runbook sections by default; point it at your own runbooks).
   */
  runbookBaseUrl: string;
}

/**
 * Defaults of `sigraAlertRules()`, for a site with a few logins per second at peak: tune them to
 * your traffic (README, "Alerts").
 * @publicApi
 */
export const SIGRA_ALERT_DEFAULTS: Readonly<SigraAlertThresholds> = Object.freeze({
  stuffingFailuresPerSecond: 1,
  stuffingFailureRatio: 0.5,
  stuffingFor: '5m',
  lockoutsPer15m: 10,
  lockoutStormFor: '2m',
  mfaFailuresPer5m: 20,
  mfaLockoutsPer15m: 3,
  mfaBruteForceFor: '2m',
  rateLimitedPerSecond: 1,
  rateLimitedFor: '10m',
  suspiciousLoginFactor: 3,
  suspiciousLoginMinPerHour: 10,
  suspiciousLoginFor: '15m',
  runbookBaseUrl: 'https://www.npmjs.com/package/@sigra/nestjs-telemetry#',
});

/** A recording rule. */
interface RecordingRule {
  record: string;
  expr: string;
}

/** An alerting rule. */
interface AlertingRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: 'critical' | 'warning' };
  annotations: { summary: string; description: string; runbook: string };
}

/** A Prometheus rule file, as `rule_files` loads it. @publicApi */
export interface PrometheusRuleFile {
  groups: { name: string; rules: (RecordingRule | AlertingRule)[] }[];
}

const DURATION = /^\d+(ms|s|m|h|d|w|y)$/;

const event = (name: string) => `${N.events}{event="${name}"}`;
const loginCount = (result?: string) =>
  `${N.spanDuration}_count{span="auth.login"${result === undefined ? '' : `,result="${result}"`}}`;

/** Recorded series the dashboard and the alerts share (5 m rates summed across instances). */
export const SIGRA_RECORDED = Object.freeze({
  loginAttempts: 'sigra:login_attempts:rate5m',
  loginFailures: 'sigra:login_failures:rate5m',
  loginFailureRatio: 'sigra:login_failure_ratio:rate5m',
  events: 'sigra:events:rate5m',
  mfaVerifications: 'sigra:mfa_verifications:rate5m',
  spanP95: 'sigra:span_duration_seconds:p95_5m',
});

function recordingRules(): RecordingRule[] {
  const R = SIGRA_RECORDED;
  return [
    { record: R.loginAttempts, expr: `sum(rate(${loginCount()}[5m]))` },
    { record: R.loginFailures, expr: `sum(rate(${loginCount('failure')}[5m]))` },
    { record: R.loginFailureRatio, expr: `${R.loginFailures} / ${R.loginAttempts}` },
    { record: R.events, expr: `sum by (event) (rate(${N.events}[5m]))` },
    {
      record: R.mfaVerifications,
      expr: `sum by (method, result) (rate(${N.mfaVerifications}[5m]))`,
    },
    {
      record: R.spanP95,
      expr: `histogram_quantile(0.95, sum by (le, span) (rate(${N.spanDuration}_bucket[5m])))`,
    },
  ];
}

/** An alerting rule whose runbook is the section named after it under `runbookBaseUrl`. */
function alert(
  runbookBaseUrl: string,
  name: string,
  expr: string,
  duration: string,
  severity: 'critical' | 'warning',
  summary: string,
  description: string,
): AlertingRule {
  return {
    alert: name,
    expr,
    for: duration,
    labels: { severity },
    annotations: { summary, description, runbook: `${runbookBaseUrl}${name.toLowerCase()}` },
  };
}

function alertingRules(t: SigraAlertThresholds): AlertingRule[] {
  const R = SIGRA_RECORDED;
  const reuse = event('jwt.refresh_reuse_detected');
  return [
    alert(
      t.runbookBaseUrl,
      'SigraCredentialStuffing',
      `${R.loginFailures} > ${t.stuffingFailuresPerSecond} and ${R.loginFailureRatio} > ${t.stuffingFailureRatio}`,
      t.stuffingFor,
      'critical',
      'Possible credential stuffing: many failed logins across all instances',
      `{{ $value | humanize }} failed logins per second across all instances (threshold ${t.stuffingFailuresPerSecond}/s), with more than ${t.stuffingFailureRatio * 100}% of logins failing, for ${t.stuffingFor}.`,
    ),
    alert(
      t.runbookBaseUrl,
      'SigraLockoutStorm',
      `sum(increase(${event('security.lockout')}[15m])) > ${t.lockoutsPer15m}`,
      t.lockoutStormFor,
      'warning',
      'Lockout storm: many accounts locked',
      `{{ $value | humanize }} accounts locked in the last 15 minutes across all instances (threshold ${t.lockoutsPer15m}).`,
    ),
    alert(
      t.runbookBaseUrl,
      'SigraMfaBruteForce',
      `sum(increase(${N.mfaVerifications}{result="failure"}[5m])) > ${t.mfaFailuresPer5m} or sum(increase(${event('mfa.lockout')}[15m])) > ${t.mfaLockoutsPer15m}`,
      t.mfaBruteForceFor,
      'critical',
      'Possible MFA brute force: wrong codes or MFA lockouts rising',
      `{{ $value | humanize }} (failed MFA verifications in 5 minutes, threshold ${t.mfaFailuresPer5m}; or MFA lockouts in 15 minutes, threshold ${t.mfaLockoutsPer15m}) across all instances.`,
    ),
    alert(
      t.runbookBaseUrl,
      'SigraRefreshTokenReuse',
      // `increase` misses the first event of a series that did not exist before (its first
      // sample has nothing to increase from), so a series that appeared in the window counts too.
      `sum(increase(${reuse}[5m])) > 0 or sum(${reuse} unless ${reuse} offset 5m) > 0`,
      '0m',
      'critical',
      'Refresh-token reuse detected: a refresh token was probably stolen',
      '{{ $value | humanize }} reuse(s) of a rotated refresh token in the last 5 minutes. The token family has been revoked; find the user and the client addresses in the logs.',
    ),
    alert(
      t.runbookBaseUrl,
      'SigraRateLimitSaturation',
      `sum(rate(${event('security.rate_limited')}[5m])) > ${t.rateLimitedPerSecond}`,
      t.rateLimitedFor,
      'warning',
      'Login rate limiting is rejecting many requests',
      `{{ $value | humanize }} rate-limited requests per second across all instances (threshold ${t.rateLimitedPerSecond}/s) for ${t.rateLimitedFor}.`,
    ),
    alert(
      t.runbookBaseUrl,
      'SigraSuspiciousLoginsAboveBaseline',
      `sum(increase(${event('security.suspicious_login')}[1h])) > ${t.suspiciousLoginMinPerHour} and sum(rate(${event('security.suspicious_login')}[1h])) > ${t.suspiciousLoginFactor} * sum(rate(${event('security.suspicious_login')}[1d] offset 1h))`,
      t.suspiciousLoginFor,
      'warning',
      'Suspicious logins above their daily baseline',
      `{{ $value | humanize }} suspicious logins in the last hour across all instances, more than ${t.suspiciousLoginFactor}x the previous day's hourly rate (and more than ${t.suspiciousLoginMinPerHour}).`,
    ),
    alert(
      t.runbookBaseUrl,
      'SigraTelemetryHandlerFailures',
      `sum(increase(${N.handlerFailures}[15m])) > 0`,
      '0m',
      'warning',
      'A telemetry handler failed and was detached: logs or metrics are incomplete',
      '{{ $value | humanize }} telemetry handler failure(s) in the last 15 minutes; the failing handler stays detached until the instance restarts. The error is in the instance logs.',
    ),
  ];
}

function checkThresholds(given: object): SigraAlertThresholds {
  const thresholds = { ...SIGRA_ALERT_DEFAULTS, ...given } as SigraAlertThresholds;
  for (const [key, value] of Object.entries(thresholds)) {
    if (!Object.hasOwn(SIGRA_ALERT_DEFAULTS, key)) {
      throw new TypeError(
        `sigraAlertRules: unknown option ${JSON.stringify(key)}; use ${Object.keys(SIGRA_ALERT_DEFAULTS).join(', ')}.`,
      );
    }
    const [valid, expected] = key.endsWith('For')
      ? [typeof value === 'string' && DURATION.test(value), "a Prometheus duration such as '5m'"]
      : key === 'runbookBaseUrl'
        ? [typeof value === 'string' && /^https?:\/\//.test(value), 'an http(s) URL']
        : [
            typeof value === 'number' && Number.isFinite(value) && value >= 0,
            'a finite number ≥ 0',
          ];
    if (!valid) {
      throw new TypeError(
        `sigraAlertRules: ${key} must be ${expected}, got ${describeSetting(value)}.`,
      );
    }
  }
  return thresholds;
}

/**
 * Prometheus alerting and recording rules over `sigraMetrics()`, correct across many instances
 * (every expression sums over them; rates survive counter resets on deploys). Shipped with the
 * defaults as `alerts/sigra-auth.rules.yml`; call it with your own thresholds to generate yours.
 *
 * @example
 * import { stringify } from 'yaml';
 * writeFileSync('sigra.rules.yml', stringify(sigraAlertRules({ stuffingFailuresPerSecond: 5 })));
 * @throws {TypeError} naming an unknown option or an invalid threshold.
 * @publicApi
 */
export function sigraAlertRules(
  thresholds: Partial<SigraAlertThresholds> = {},
): PrometheusRuleFile {
  if (typeof thresholds !== 'object' || thresholds === null) {
    throw new TypeError(
      `sigraAlertRules: thresholds must be an object, got ${describeValue(thresholds)}.`,
    );
  }
  const t = checkThresholds(thresholds);
  return {
    groups: [
      { name: 'sigra-auth.recording', rules: recordingRules() },
      { name: 'sigra-auth.alerts', rules: alertingRules(t) },
    ],
  };
}
