import type { Registry } from 'prom-client';
import type { MetricDefinition, MetricsLogger, StopMetrics } from '../metrics/index.js';

/**
 * Options of `attachPrometheus`.
 * @publicApi
 */
export interface AttachPrometheusOptions {
  /** Definitions to report, usually `sigraMetrics()`. */
  readonly metrics: readonly MetricDefinition[];
  /** The registry to register in; prom-client's global `register` by default. */
  readonly registry?: Registry;
  /** See `attachMetrics`; default 100 label sets per metric. */
  readonly maxLabelSets?: number;
  /** Where skipped events and full label caps are reported; `console.warn` by default. */
  readonly logger?: MetricsLogger;
}

/** Detaches the handlers and unregisters the metrics `attachPrometheus` registered. @publicApi */
export type StopPrometheus = StopMetrics;
