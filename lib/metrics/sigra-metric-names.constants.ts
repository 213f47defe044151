/**
 * The Prometheus names of `sigraMetrics()`, as dashboards, alert rules and users query them.
 * @publicApi
 */
export const SIGRA_PROMETHEUS_NAMES = Object.freeze({
  /** Histogram, labels `span` and `result` (`success`, `failure`, `exception`). */
  spanDuration: 'sigra_span_duration_seconds',
  /** Counter, label `event` (`security.invalid_credentials`, …). */
  events: 'sigra_events_total',
  /** Counter, labels `method` and `result`. */
  mfaVerifications: 'sigra_mfa_verifications_total',
  /** Counter, label `type`. */
  sessionsCreated: 'sigra_sessions_created_total',
  /** Counter, no label. */
  handlerFailures: 'sigra_handler_failures_total',
} as const);
