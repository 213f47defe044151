import type { EventName, Measurements, Metadata } from '../shared/telemetry.types.js';
import type { MetricUnit } from './metric-units.functions.js';

/**
 * The five metric types of Elixir's `telemetry_metrics` 1.1.
 * @publicApi
 */
export type MetricType = 'counter' | 'sum' | 'last_value' | 'summary' | 'distribution';

/**
 * Reads a metric's value from an event. Returning `undefined` (or anything but a finite number)
 * skips the event for this metric.
 * @publicApi
 */
export type MeasurementFunction = (measurements: Measurements, metadata: Metadata) => unknown;

/** Decides from an event whether a metric records it (`keep`) or ignores it (`drop`). @publicApi */
export type MetricPredicate = (metadata: Metadata, measurements: Measurements) => boolean;

/** Maps an event's (policy-applied) metadata to the values tags are read from. @publicApi */
export type TagValuesFunction = (metadata: Metadata) => Metadata;

/**
 * A unit conversion: the measurement arrives in `from` and is reported in `to`. Both must be time
 * units (`native`, `nanosecond`, `microsecond`, `millisecond`, `second`) or both byte units
 * (`byte`, `kilobyte`, `megabyte`, decimal: 1 kilobyte = 1000 bytes).
 * @publicApi
 */
export interface MetricUnitConversion {
  readonly from: MetricUnit;
  readonly to: MetricUnit;
}

/** Options a reporter reads; unknown keys are refused so typos never pass silently. @publicApi */
export interface MetricReporterOptions {
  /**
   * Histogram bucket upper bounds for a `distribution`, ascending, in the reported unit (after
   * conversion). Reporters use their own defaults when absent.
   */
  readonly buckets?: readonly number[];
  /** The Prometheus metric name, instead of the name's segments joined with `_`. */
  readonly prometheusName?: string;
}

/**
 * Options shared by `counter`, `sum`, `lastValue`, `summary` and `distribution`.
 *
 * @example
 * distribution('sigra.auth.login.stop.duration', {
 *   unit: { from: 'native', to: 'second' },
 *   tags: ['result'],
 *   tagValues: (metadata) => ({ result: metadata.result ?? 'success' }),
 *   reporterOptions: { buckets: [0.05, 0.1, 0.25, 0.5, 1] },
 * });
 * @publicApi
 */
export interface MetricOptions {
  /** The event to listen to, instead of the name minus its last segment. */
  eventName?: EventName;
  /** A measurement key, or a function of the event, instead of the name's last segment. */
  measurement?: string | MeasurementFunction;
  /** Metadata keys (after `tagValues`) that become labels. Bounded keys only, see `unboundedTags`. */
  tags?: readonly string[];
  /** Maps metadata to the values tags are read from. Defaults to the metadata itself. */
  tagValues?: TagValuesFunction;
  /** Records only the events for which this returns `true`. Excludes `drop`. */
  keep?: MetricPredicate;
  /** Ignores the events for which this returns `true`. Excludes `keep`. */
  drop?: MetricPredicate;
  /** The reported unit, or a conversion from the measurement's unit (time or bytes). */
  unit?: MetricUnit | MetricUnitConversion;
  /** What the metric means; becomes the Prometheus `HELP` text and the OpenTelemetry description. */
  description?: string;
  /** Reporter-specific options: histogram buckets, a Prometheus name. */
  reporterOptions?: MetricReporterOptions;
  /**
   * Tags that may take unboundedly many values (`user_id`, `ip`, anything ending in `_id` or
   * `_token`) and that this metric still declares, knowingly: each value becomes its own time
   * series. Only the runtime cap (`other`) then protects the backend.
   */
  unboundedTags?: readonly string[];
}

/**
 * A frozen metric declaration, as returned by `counter`, `sum`, `lastValue`, `summary` and
 * `distribution`, and consumed by reporters (`attachMetrics`, `attachPrometheus`,
 * `attachOpenTelemetryMetrics`).
 * @publicApi
 */
export interface MetricDefinition {
  readonly type: MetricType;
  /** The dotted name, as declared: `'sigra.auth.login.stop.duration'`. */
  readonly name: string;
  readonly eventName: EventName;
  readonly measurement: string | MeasurementFunction;
  readonly tags: readonly string[];
  readonly tagValues: TagValuesFunction | undefined;
  readonly keep: MetricPredicate | undefined;
  readonly drop: MetricPredicate | undefined;
  /** The reported unit (`'unit'` when none was declared). */
  readonly unit: MetricUnit;
  /** The conversion applied to each measurement, when the declaration asked for one. */
  readonly unitConversion: MetricUnitConversion | undefined;
  readonly description: string | undefined;
  readonly reporterOptions: MetricReporterOptions;
  readonly unboundedTags: readonly string[];
}
