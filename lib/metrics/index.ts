export { counter, distribution, lastValue, sum, summary } from './metric-declarations.functions.js';
export type {
  MeasurementFunction,
  MetricDefinition,
  MetricOptions,
  MetricPredicate,
  MetricReporterOptions,
  MetricType,
  MetricUnitConversion,
  TagValuesFunction,
} from './metric-definition.types.js';
export type { ByteUnit, MetricUnit } from './metric-units.functions.js';
export { OTHER_LABEL_VALUE } from './metric-label.cap.js';
export { attachMetrics, DEFAULT_MAX_LABEL_SETS } from './metrics-reporter.function.js';
export type {
  AttachMetricsOptions,
  MetricLabels,
  MetricObservation,
  MetricsLogger,
  MetricsReporter,
  StopMetrics,
} from './metrics-reporter.types.js';
export { SIGRA_DURATION_BUCKETS, sigraMetrics } from './sigra-metrics.function.js';
export type { SigraMetricGroup, SigraMetricsOptions } from './sigra-metrics.function.js';
export { SIGRA_PROMETHEUS_NAMES } from './sigra-metric-names.constants.js';
export { sigraDashboardQueries, sigraGrafanaDashboard } from './sigra-dashboard.function.js';
export { prometheusName } from './prometheus-name.function.js';
export {
  SIGRA_ALERT_DEFAULTS,
  SIGRA_RECORDED,
  sigraAlertRules,
} from './sigra-alert-rules.function.js';
export type { PrometheusRuleFile, SigraAlertThresholds } from './sigra-alert-rules.function.js';
