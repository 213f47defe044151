import type { MetricDefinition } from './metric-definition.types.js';
import { attachMetricsTo } from './metrics-reporter.function.js';
import type { AttachMetricsOptions, MetricLabels, StopMetrics } from './metrics-reporter.types.js';

/** Updates one backend instrument from an observation's value and labels. */
export type MetricRecorder = (value: number, labels: MetricLabels) => void;

/**
 * Attaches a backend whose instruments are already created: each definition records through its
 * recorder, called directly from the event's handler.
 */
export function attachMetricRecorders(
  reporterName: string,
  options: Omit<AttachMetricsOptions, 'reporter'>,
  recorders: ReadonlyMap<MetricDefinition, MetricRecorder>,
): StopMetrics {
  return attachMetricsTo(
    reporterName,
    options,
    (metric) => recorders.get(metric) as MetricRecorder,
  );
}
