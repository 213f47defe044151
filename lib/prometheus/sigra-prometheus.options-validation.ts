import { describeValue } from '../shared/value-description.functions.js';
import type { SigraPrometheusModuleOptions } from './sigra-prometheus.options.js';

/** The validated module options. */
export const SIGRA_PROMETHEUS_OPTIONS = Symbol('SIGRA_PROMETHEUS_OPTIONS');

/** Checks what `attachPrometheus` does not: the module's own options. */
export function resolvePrometheusOptions(
  options: SigraPrometheusModuleOptions,
): SigraPrometheusModuleOptions {
  const fn = 'SigraPrometheusModule';
  if (typeof options !== 'object' || options === null || !Array.isArray(options.metrics)) {
    throw new TypeError(
      `${fn}: options must be an object with metrics (for example { metrics: sigraMetrics() }), got ${describeValue(options)}.`,
    );
  }
  const { bearerToken, defaultMetrics } = options;
  if (bearerToken !== undefined && (typeof bearerToken !== 'string' || bearerToken.trim() === '')) {
    throw new TypeError(
      `${fn}: bearerToken must be a non-empty string; leave it out to serve the endpoint without one.`,
    );
  }
  if (defaultMetrics !== undefined && typeof defaultMetrics !== 'boolean') {
    throw new TypeError(
      `${fn}: defaultMetrics must be true or false, got ${describeValue(defaultMetrics)}.`,
    );
  }
  return options;
}
