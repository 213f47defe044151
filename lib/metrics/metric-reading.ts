import type { Measurements, Metadata } from '../core/index.js';
import type { MetricDefinition } from './metric-definition.types.js';
import { MetricLabelCap } from './metric-label-cap.js';
import type { MetricLabels, MetricObservation } from './metrics-reporter.types.js';
import { unitConversion } from './metric-units.js';

/**
 * One definition, ready for the hot path: its unit conversion computed once, its label cap, and the
 * reporter's rules (skip, never throw, on a missing measurement or tag).
 */
export class MetricReading {
  private readonly multiply: number;
  private readonly divide: number;
  private readonly cap: MetricLabelCap;

  constructor(
    readonly metric: MetricDefinition,
    maxLabelSets: number,
    onCapReached: () => void,
  ) {
    const conversion = metric.unitConversion;
    const { multiply, divide } =
      conversion === undefined
        ? { multiply: 1, divide: 1 }
        : (unitConversion(conversion.from, conversion.to) as { multiply: number; divide: number });
    this.multiply = multiply;
    this.divide = divide;
    this.cap = new MetricLabelCap(metric.tags, maxLabelSets, onCapReached);
  }

  /** The observation this event makes, or `undefined` when the metric skips the event. */
  read(measurements: Measurements, metadata: Metadata): MetricObservation | undefined {
    const { metric } = this;
    if (metric.keep !== undefined && !metric.keep(metadata, measurements)) return undefined;
    if (metric.drop !== undefined && metric.drop(metadata, measurements)) return undefined;
    const value = this.value(measurements, metadata);
    if (value === undefined) return undefined;
    const labels = this.labels(metadata);
    if (labels === undefined) return undefined;
    return { metric, value, labels };
  }

  private value(measurements: Measurements, metadata: Metadata): number | undefined {
    const { metric } = this;
    if (metric.type === 'counter') return 1;
    const raw =
      typeof metric.measurement === 'string'
        ? measurements[metric.measurement]
        : metric.measurement(measurements, metadata);
    return typeof raw === 'number' && Number.isFinite(raw)
      ? (raw * this.multiply) / this.divide
      : undefined;
  }

  private labels(metadata: Metadata): MetricLabels | undefined {
    const { tagValues } = this.metric;
    return this.cap.labelsOf(tagValues === undefined ? metadata : tagValues(metadata));
  }
}
