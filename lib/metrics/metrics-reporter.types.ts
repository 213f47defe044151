import type { MetricDefinition } from './metric-definition.types.js';

/**
 * Label values of one observation: one entry per declared tag, always strings. The same frozen
 * object is handed over for the same label set, so reporters may key caches on it.
 * @publicApi
 */
export type MetricLabels = Readonly<Record<string, string>>;

/**
 * What a reporter receives for each event a metric records: never raw metadata, only the
 * declared tags' values (policy-applied, capped).
 * @publicApi
 */
export interface MetricObservation {
  readonly metric: MetricDefinition;
  /**
   * The measurement after unit conversion; always 1 for a counter. A finite number.
   */
  readonly value: number;
  readonly labels: MetricLabels;
}

/**
 * A metrics backend fed by `attachMetrics`. `observe` runs synchronously in the emitting code's
 * call: keep it cheap, never block.
 * @publicApi
 */
export interface MetricsReporter {
  /** Names the reporter in handler ids and warnings, e.g. `'prometheus'`. */
  readonly name: string;
  observe(observation: MetricObservation): void;
}

/** Where the reporter core reports what it skips for good reasons. @publicApi */
export interface MetricsLogger {
  warn(message: string): void;
}

/**
 * Options of `attachMetrics`.
 * @publicApi
 */
export interface AttachMetricsOptions {
  /** Definitions from `counter`, `sum`, `lastValue`, `summary`, `distribution`, `sigraMetrics`. */
  readonly metrics: readonly MetricDefinition[];
  readonly reporter: MetricsReporter;
  /**
   * The most label sets one metric keeps (default 100). Further label sets fold into one series
   * whose labels are all `other`, and a warning is logged once for that metric.
   */
  readonly maxLabelSets?: number;
  /** Defaults to `console.warn`. */
  readonly logger?: MetricsLogger;
}

/** Detaches what `attachMetrics` attached. Calling it again does nothing. @publicApi */
export type StopMetrics = () => void;
