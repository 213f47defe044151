import type { MetricDefinition } from './metric-definition.types.js';

/**
 * The Prometheus name of a definition: `reporterOptions.prometheusName`, or the name's segments
 * joined with `_` (`sigra.span.duration.seconds` → `sigra_span_duration_seconds`). No suffix is
 * added, as in `telemetry_metrics_prometheus_core`: put the unit and `total` in the name.
 * @publicApi
 */
export function prometheusName(metric: MetricDefinition): string {
  return metric.reporterOptions.prometheusName ?? metric.name.replaceAll('.', '_');
}
