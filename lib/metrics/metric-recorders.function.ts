import type { MetricDefinition } from './metric-definition.types.js';
import { attachMetrics } from './metrics-reporter.function.js';
import type { AttachMetricsOptions, MetricLabels, StopMetrics } from './metrics-reporter.types.js';

/** Updates one backend instrument from an observation's value and labels. */
export type MetricRecorder = (value: number, labels: MetricLabels) => void;

/**
 * Attaches a backend whose instruments are already created: each observation goes to the
 * recorder of its definition.
 */
export function attachMetricRecorders(
  reporterName: string,
  options: Omit<AttachMetricsOptions, 'reporter'>,
  recorders: ReadonlyMap<MetricDefinition, MetricRecorder>,
): StopMetrics {
  return attachMetrics({
    metrics: options.metrics,
    reporter: {
      name: reporterName,
      observe: ({ metric, value, labels }) =>
        (recorders.get(metric) as MetricRecorder)(value, labels),
    },
    maxLabelSets: options.maxLabelSets,
    logger: options.logger,
  });
}
