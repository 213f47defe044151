import type { Meter } from '@opentelemetry/api';
import type { MetricDefinition, MetricsLogger } from '../metrics/index.js';

/**
 * Options of `attachOpenTelemetryMetrics`.
 * @publicApi
 */
export interface AttachOpenTelemetryMetricsOptions {
  /** Definitions to report, usually `sigraMetrics()`. */
  readonly metrics: readonly MetricDefinition[];
  /**
   * The meter to create instruments on; by default the global meter provider's meter named
   * `@sigra/nestjs-telemetry`.
   */
  readonly meter?: Meter;
  /** See `attachMetrics`; default 100 label sets per metric. */
  readonly maxLabelSets?: number;
  /** Where skipped events and full label caps are reported; `console.warn` by default. */
  readonly logger?: MetricsLogger;
}
