export { attachOpenTelemetry } from './opentelemetry-tracing.function.js';
export { SigraOpenTelemetryModule } from './sigra-opentelemetry-tracing.module.js';
export type {
  SigraOpenTelemetryOptions,
  SigraSignalTracing,
} from './opentelemetry-tracing.options.js';
export { attachOpenTelemetryMetrics, SIGRA_METER_NAME } from './opentelemetry-metrics.function.js';
export type { AttachOpenTelemetryMetricsOptions } from './opentelemetry-metrics.types.js';
