import { attach, detach, type EventName, type Measurements, type Metadata } from '../core/index.js';
import { reportedText } from '../core/core.internal.js';
import { describeValue } from '../shared/value-description.functions.js';
import { assertMetricDefinitions } from './metric-definition.validation.js';
import type { MetricDefinition } from './metric-definition.types.js';
import { MetricReading } from './metric.reading.js';
import type { MetricRecorder } from './metric-recorders.function.js';
import type {
  AttachMetricsOptions,
  MetricsLogger,
  MetricsReporter,
  StopMetrics,
} from './metrics-reporter.types.js';

/** Default for `maxLabelSets`. */
export const DEFAULT_MAX_LABEL_SETS = 100;

const consoleMetricsLogger: MetricsLogger = { warn: (message) => console.warn(message) };

let attachments = 0;

/** Checks what every reporter shares: the definitions, `maxLabelSets` and `logger`. */
function checkSharedOptions(fn: string, options: Omit<AttachMetricsOptions, 'reporter'>): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `${fn}: options must be an object { metrics, reporter }, got ${describeValue(options)}.`,
    );
  }
  const { metrics, maxLabelSets, logger } = options;
  assertMetricDefinitions(fn, metrics);
  if (maxLabelSets !== undefined && (!Number.isSafeInteger(maxLabelSets) || maxLabelSets < 1)) {
    throw new TypeError(
      `${fn}: maxLabelSets must be a positive integer, got ${describeValue(maxLabelSets)}; the default is ${DEFAULT_MAX_LABEL_SETS}.`,
    );
  }
  if (
    logger !== undefined &&
    (typeof logger !== 'object' || logger === null || typeof logger.warn !== 'function')
  ) {
    throw new TypeError(
      `${fn}: logger must be an object with a warn(message) method, got ${describeValue(logger)}.`,
    );
  }
}

function checkReporter(fn: string, reporter: unknown): asserts reporter is MetricsReporter {
  if (
    typeof reporter !== 'object' ||
    reporter === null ||
    typeof (reporter as MetricsReporter).observe !== 'function' ||
    typeof (reporter as MetricsReporter).name !== 'string'
  ) {
    throw new TypeError(
      `${fn}: reporter must be an object { name, observe(observation) }, got ${describeValue(reporter)}.`,
    );
  }
}

/**
 * Warns once per metric about a skip that is a bug somewhere (a function of the declaration, or
 * the reporter, threw), and keeps recording the other metrics of the event.
 */
function onceWarner(
  logger: MetricsLogger,
  reporterName: string,
): (reading: MetricReading, error: unknown) => void {
  const warned = new WeakSet<MetricReading>();
  return (reading, error) => {
    if (warned.has(reading)) return;
    warned.add(reading);
    const reason = error instanceof Error ? error.message : describeValue(error);
    // The thrown message may quote anything the function touched: the policy reads it first.
    logger.warn(
      reportedText(
        `Sigra metrics (${reporterName}): metric ${reading.metric.name} skipped an event because its keep/drop, measurement or tagValues function, or the reporter, threw: ${reason}. Further failures of this metric are not logged.`,
      ),
    );
  };
}

/**
 * Attaches one handler per event the definitions listen to, and hands `reporter` one
 * observation per metric that records the event: the value after unit conversion and the
 * declared tags' values (at most `maxLabelSets` label sets per metric, then `other`). Events
 * with a missing or non-finite measurement, or a missing tag, are skipped, never thrown; the
 * metadata has already passed the metadata policy. Returns the function that detaches it all.
 *
 * This is the core every reporter is built on (Prometheus, OpenTelemetry, a live dashboard).
 *
 * @example
 * const stop = attachMetrics({
 *   metrics: sigraMetrics(),
 *   reporter: { name: 'stdout', observe: ({ metric, value, labels }) => console.log(metric.name, value, labels) },
 * });
 * // on shutdown
 * stop();
 * @throws {TypeError} when an option is invalid; nothing is attached then.
 * @publicApi
 */
export function attachMetrics(options: AttachMetricsOptions): StopMetrics {
  checkSharedOptions('attachMetrics', options);
  const { reporter } = options;
  checkReporter('attachMetrics', reporter);
  return attachMetricsTo(
    reporter.name,
    options,
    (metric) => (value, labels) => reporter.observe({ metric, value, labels }),
  );
}

/**
 * `attachMetrics` for a backend whose instruments already exist: each definition's values go
 * straight to its recorder, resolved here once, with no observation object per event.
 *
 * @throws {TypeError} when an option is invalid; nothing is attached then.
 */
export function attachMetricsTo(
  reporterName: string,
  options: Omit<AttachMetricsOptions, 'reporter'>,
  recorderOf: (metric: MetricDefinition) => MetricRecorder,
): StopMetrics {
  checkSharedOptions('attachMetrics', options);
  const { metrics } = options;
  const logger = options.logger ?? consoleMetricsLogger;
  const maxLabelSets = options.maxLabelSets ?? DEFAULT_MAX_LABEL_SETS;
  const warnOnce = onceWarner(logger, reporterName);

  const byEvent = new Map<string, { eventName: EventName; readings: MetricReading[] }>();
  for (const metric of metrics) {
    const key = metric.eventName.join('.');
    const group = byEvent.get(key) ?? { eventName: metric.eventName, readings: [] };
    group.readings.push(
      new MetricReading(metric, recorderOf(metric), maxLabelSets, () =>
        logger.warn(
          `Sigra metrics (${reporterName}): metric ${metric.name} reached ${maxLabelSets} label sets; new label values are counted under "other". Check that its tags ${describeValue(metric.tags)} are bounded, or raise maxLabelSets.`,
        ),
      ),
    );
    byEvent.set(key, group);
  }

  const recordSafely = (
    reading: MetricReading,
    measurements: Measurements,
    metadata: Metadata,
  ): void => {
    try {
      reading.record(measurements, metadata);
    } catch (error) {
      warnOnce(reading, error);
    }
  };

  const sequence = ++attachments;
  const ids: string[] = [];
  for (const [key, { eventName, readings }] of byEvent) {
    const id = `sigra-metrics:${reporterName}#${sequence}:${key}`;
    const [only] = readings;
    attach(
      id,
      eventName,
      // Most events feed one metric: its handler skips the loop.
      readings.length === 1 && only !== undefined
        ? (_event: EventName, measurements: Measurements, metadata: Metadata) =>
            recordSafely(only, measurements, metadata)
        : (_event: EventName, measurements: Measurements, metadata: Metadata) => {
            for (const reading of readings) recordSafely(reading, measurements, metadata);
          },
    );
    ids.push(id);
  }

  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    for (const id of ids) detach(id);
  };
}
