import type { MetricType } from '../metrics/index.js';

/**
 * What one series accumulates during one time slot. `add` runs for every event, so it only
 * updates a few numbers; `point` builds the slot's values when the page asks for them.
 */
export interface DashboardSlot {
  add(value: number): void;
  /** The slot's values so far, in the order `DASHBOARD_POINT_FIELDS` names them. */
  point(): number[];
  /** Starts the next slot. */
  reset(): void;
}

/** The values of a point of each metric type, as the page reads them. */
export const DASHBOARD_POINT_FIELDS: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count'],
  sum: ['sum', 'total'],
  last_value: ['value'],
  summary: ['count', 'avg', 'min', 'max'],
  distribution: ['count', 'p50', 'p95', 'p99'],
};

/** Values a distribution keeps per slot for its percentiles; more are sampled (Algorithm R). */
export const DISTRIBUTION_SAMPLE_SIZE = 256;

class CounterSlot implements DashboardSlot {
  private count = 0;
  add(): void {
    this.count++;
  }
  point(): number[] {
    return [this.count];
  }
  reset(): void {
    this.count = 0;
  }
}

/** The slot's sum, and the running total since the dashboard started. */
class SumSlot implements DashboardSlot {
  private sum = 0;
  private total = 0;
  add(value: number): void {
    this.sum += value;
    this.total += value;
  }
  point(): number[] {
    return [this.sum, this.total];
  }
  reset(): void {
    this.sum = 0;
  }
}

/** A gauge: the last value stays until a new one arrives. */
class LastValueSlot implements DashboardSlot {
  private value = 0;
  add(value: number): void {
    this.value = value;
  }
  point(): number[] {
    return [this.value];
  }
  reset(): void {}
}

class SummarySlot implements DashboardSlot {
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;
  add(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }
  point(): number[] {
    return this.count === 0
      ? [0, 0, 0, 0]
      : [this.count, this.sum / this.count, this.min, this.max];
  }
  reset(): void {
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }
}

/** The value at quantile `q` of sorted values, by nearest rank. */
function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/**
 * Percentiles from a fixed-size uniform sample of the slot's values, and bucket counts since the
 * start (the page's histogram): bounded memory whatever the rate.
 */
export class DistributionSlot implements DashboardSlot {
  private readonly sample = new Float64Array(DISTRIBUTION_SAMPLE_SIZE);
  private count = 0;
  /** Counts per bucket since the start; the last one counts values above every bound. */
  readonly bucketCounts: Float64Array;

  constructor(private readonly bounds: readonly number[]) {
    this.bucketCounts = new Float64Array(bounds.length + 1);
  }

  add(value: number): void {
    const { bounds } = this;
    let bucket = 0;
    while (bucket < bounds.length && value > bounds[bucket]) bucket++;
    this.bucketCounts[bucket]++;
    const seen = this.count++;
    if (seen < DISTRIBUTION_SAMPLE_SIZE) this.sample[seen] = value;
    else {
      const slot = Math.floor(Math.random() * (seen + 1));
      if (slot < DISTRIBUTION_SAMPLE_SIZE) this.sample[slot] = value;
    }
  }

  point(): number[] {
    if (this.count === 0) return [0, 0, 0, 0];
    const sorted = this.sample
      .subarray(0, Math.min(this.count, DISTRIBUTION_SAMPLE_SIZE))
      .toSorted();
    return [this.count, quantile(sorted, 0.5), quantile(sorted, 0.95), quantile(sorted, 0.99)];
  }

  reset(): void {
    this.count = 0;
  }
}

/** A fresh slot for a metric type; `bounds` are a distribution's histogram bounds. */
export function createSlot(type: MetricType, bounds: readonly number[]): DashboardSlot {
  switch (type) {
    case 'counter':
      return new CounterSlot();
    case 'sum':
      return new SumSlot();
    case 'last_value':
      return new LastValueSlot();
    case 'summary':
      return new SummarySlot();
    case 'distribution':
      return new DistributionSlot(bounds);
  }
}
