export { attachOpenTelemetryMetrics, SIGRA_METER_NAME } from './opentelemetry-metrics.function.js';
export type { AttachOpenTelemetryMetricsOptions } from './opentelemetry-metrics.types.js';
