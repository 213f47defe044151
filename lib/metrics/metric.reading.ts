import type { Measurements, Metadata } from '../core/index.js';
import type { MetricDefinition } from './metric-definition.types.js';
import { MetricLabelCap } from './metric-label.cap.js';
import type { MetricRecorder } from './metric-recorders.function.js';
import { unitConversion } from './metric-units.functions.js';

/** Reads the raw measurement of one event, before unit conversion. */
type MeasurementReader = (measurements: Measurements, metadata: Metadata) => unknown;

const ONE: MeasurementReader = () => 1;

/** Resolved once per definition, so the hot path does not branch on the metric's type. */
function measurementReader(metric: MetricDefinition): MeasurementReader {
  if (metric.type === 'counter') return ONE;
  const { measurement } = metric;
  return typeof measurement === 'string'
    ? (measurements) => measurements[measurement]
    : measurement;
}

/**
 * One definition, ready for the hot path: its measurement reader and unit conversion resolved
 * once, its label cap, the reporter's rules (skip, never throw, on a missing measurement or tag)
 * and the recorder its value and labels go to.
 */
export class MetricReading {
  private readonly measure: MeasurementReader;
  private readonly multiply: number;
  private readonly divide: number;
  private readonly cap: MetricLabelCap;

  constructor(
    readonly metric: MetricDefinition,
    private readonly recorder: MetricRecorder,
    maxLabelSets: number,
    onCapReached: () => void,
  ) {
    const conversion = metric.unitConversion;
    const { multiply, divide } =
      conversion === undefined
        ? { multiply: 1, divide: 1 }
        : (unitConversion(conversion.from, conversion.to) as { multiply: number; divide: number });
    this.measure = measurementReader(metric);
    this.multiply = multiply;
    this.divide = divide;
    this.cap = new MetricLabelCap(metric.tags, maxLabelSets, onCapReached);
  }

  /** Records this event, unless the metric skips it. */
  record(measurements: Measurements, metadata: Metadata): void {
    const { metric } = this;
    if (metric.keep !== undefined && !metric.keep(metadata, measurements)) return;
    if (metric.drop !== undefined && metric.drop(metadata, measurements)) return;
    const raw = this.measure(measurements, metadata);
    if (typeof raw !== 'number' || !Number.isFinite(raw)) return;
    const { tagValues } = metric;
    const labels = this.cap.labelsOf(tagValues === undefined ? metadata : tagValues(metadata));
    if (labels === undefined) return;
    this.recorder((raw * this.multiply) / this.divide, labels);
  }
}
