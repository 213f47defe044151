import { metrics as globalMetrics, type Meter } from '@opentelemetry/api';
import { describeValue } from '../shared/value-description.functions.js';
import type { MetricDefinition, MetricUnit, StopMetrics } from '../metrics/index.js';
import { assertMetricDefinitions } from '../metrics/metric-definition.validation.js';
import {
  attachMetricRecorders,
  type MetricRecorder,
} from '../metrics/metric-recorders.function.js';
import { groupByReportedName, groupDescription } from '../metrics/metric-groups.function.js';
import type { AttachOpenTelemetryMetricsOptions } from './opentelemetry-metrics.types.js';

/** The meter name used when no meter is given. */
export const SIGRA_METER_NAME = '@sigra/nestjs-telemetry';

/** UCUM units, as OpenTelemetry semantic conventions write them. */
const UCUM: Readonly<Record<MetricUnit, string>> = {
  native: 'ns',
  nanosecond: 'ns',
  microsecond: 'us',
  millisecond: 'ms',
  second: 's',
  byte: 'By',
  kilobyte: 'kBy',
  megabyte: 'MBy',
  unit: '1',
};

/** Creates the instrument of one group of definitions; returns how to update it. */
function createInstrument(meter: Meter, name: string, group: MetricDefinition[]): MetricRecorder {
  const first = group[0] as MetricDefinition;
  const options = { description: groupDescription(group), unit: UCUM[first.unit] };
  switch (first.type) {
    case 'counter': {
      const instrument = meter.createCounter(name, options);
      return (_, attributes) => instrument.add(1, attributes);
    }
    case 'sum': {
      // An UpDownCounter, so negative values are kept (a Counter would drop them).
      const instrument = meter.createUpDownCounter(name, options);
      return (value, attributes) => instrument.add(value, attributes);
    }
    case 'last_value': {
      const instrument = meter.createGauge(name, options);
      return (value, attributes) => instrument.record(value, attributes);
    }
    case 'summary':
    case 'distribution': {
      const { buckets } = first.reporterOptions;
      const instrument = meter.createHistogram(
        name,
        buckets === undefined
          ? options
          : { ...options, advice: { explicitBucketBoundaries: [...buckets] } },
      );
      return (value, attributes) => instrument.record(value, attributes);
    }
  }
}

/**
 * Reports metric definitions through an OpenTelemetry `Meter`: counter → Counter, sum →
 * UpDownCounter, lastValue → Gauge, distribution → Histogram with
 * `advice.explicitBucketBoundaries` from `reporterOptions.buckets`, summary → Histogram.
 * Instruments take the dotted metric name and the reported unit in UCUM (`s`, `ms`, `By`);
 * labels become attributes. Returns the function that detaches the handlers (instruments cannot
 * be removed from a meter; they stop receiving values).
 *
 * @example
 * import { sigraMetrics } from '@sigra/nestjs-telemetry';
 * import { attachOpenTelemetryMetrics } from '@sigra/nestjs-telemetry/opentelemetry';
 *
 * const stop = attachOpenTelemetryMetrics({ metrics: sigraMetrics() });
 * @throws {TypeError} when an option is invalid or two definitions disagree on one name.
 * @publicApi
 */
export function attachOpenTelemetryMetrics(
  options: AttachOpenTelemetryMetricsOptions,
): StopMetrics {
  const fn = 'attachOpenTelemetryMetrics';
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `${fn}: options must be an object { metrics, meter? }, got ${describeValue(options)}.`,
    );
  }
  assertMetricDefinitions(fn, options.metrics);
  const meter = options.meter ?? globalMetrics.getMeter(SIGRA_METER_NAME);
  if (typeof meter !== 'object' || meter === null || typeof meter.createHistogram !== 'function') {
    throw new TypeError(
      `${fn}: meter must be an OpenTelemetry Meter (meterProvider.getMeter(name)), got ${describeValue(meter)}.`,
    );
  }
  const records = new Map<MetricDefinition, MetricRecorder>();
  for (const [name, group] of groupByReportedName(fn, options.metrics, (metric) => metric.name)) {
    const record = createInstrument(meter, name, group);
    for (const metric of group) records.set(metric, record);
  }
  return attachMetricRecorders('opentelemetry', options, records);
}
