import type { MetricDefinition, MetricOptions } from './metric-definition.types.js';
import { buildDefinition } from './metric-definition.validation.js';

/**
 * Counts events: +1 per event that passes `keep`/`drop` and has its tags. The measurement is
 * not read (as in `telemetry_metrics`).
 *
 * @example
 * counter('sigra.security.lockout.count', { tags: ['reason'] });
 * @throws {TypeError} naming the option and the fix when the declaration is invalid.
 * @publicApi
 */
export function counter(name: string, options?: MetricOptions): MetricDefinition {
  return buildDefinition('counter', name, options);
}

/**
 * Adds up a measurement across events.
 *
 * @example
 * sum('sigra.session.revoke_all.stop.count');
 * @throws {TypeError} naming the option and the fix when the declaration is invalid.
 * @publicApi
 */
export function sum(name: string, options?: MetricOptions): MetricDefinition {
  return buildDefinition('sum', name, options);
}

/**
 * Keeps the measurement of the latest event (a gauge).
 *
 * @example
 * lastValue('sigra.audit.forward.ok.duration_ms', { unit: 'millisecond' });
 * @throws {TypeError} naming the option and the fix when the declaration is invalid.
 * @publicApi
 */
export function lastValue(name: string, options?: MetricOptions): MetricDefinition {
  return buildDefinition('last_value', name, options);
}

/**
 * Summary statistics of a measurement; which ones is the reporter's choice (Prometheus:
 * quantiles over a sliding window; OpenTelemetry: a histogram).
 *
 * @example
 * summary('sigra.auth.login.stop.duration', { unit: { from: 'native', to: 'millisecond' } });
 * @throws {TypeError} naming the option and the fix when the declaration is invalid.
 * @publicApi
 */
export function summary(name: string, options?: MetricOptions): MetricDefinition {
  return buildDefinition('summary', name, options);
}

/**
 * A histogram of a measurement, with bucket bounds in `reporterOptions.buckets`.
 *
 * @example
 * distribution('sigra.auth.login.stop.duration', {
 *   unit: { from: 'native', to: 'second' },
 *   reporterOptions: { buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1] },
 * });
 * @throws {TypeError} naming the option and the fix when the declaration is invalid.
 * @publicApi
 */
export function distribution(name: string, options?: MetricOptions): MetricDefinition {
  return buildDefinition('distribution', name, options);
}
