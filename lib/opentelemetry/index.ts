export { attachOpenTelemetry } from './opentelemetry-tracing.function.js';
export { SigraOpenTelemetryModule } from './sigra-opentelemetry-tracing.module.js';
export type {
  SigraOpenTelemetryOptions,
  SigraSignalTracing,
} from './opentelemetry-tracing.options.js';
