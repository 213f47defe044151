import type { MetricLabels } from './metrics-reporter.types.js';

/** Label value of the series that unseen label sets fold into once a metric is full. */
export const OTHER_LABEL_VALUE = 'other';

const NO_LABELS: MetricLabels = Object.freeze({});

/**
 * The label sets one metric has seen, at most `max` of them. Reusing the frozen object of a
 * known set keeps the per-event cost at one string join and one map lookup.
 */
export class MetricLabelCap {
  private readonly known = new Map<string, MetricLabels>();
  private readonly other: MetricLabels;
  private warned = false;

  constructor(
    private readonly tags: readonly string[],
    private readonly max: number,
    private readonly onFull: () => void,
  ) {
    this.other = Object.freeze(Object.fromEntries(tags.map((tag) => [tag, OTHER_LABEL_VALUE])));
  }

  /** The labels for these values (in tag order), or the `other` set once the cap is reached. */
  labelsFor(values: readonly string[]): MetricLabels {
    if (values.length === 0) return NO_LABELS;
    const key = values.length === 1 ? (values[0] as string) : values.join('\u0000');
    const labels = this.known.get(key);
    if (labels !== undefined) return labels;
    if (this.known.size >= this.max) {
      if (!this.warned) {
        this.warned = true;
        this.onFull();
      }
      return this.other;
    }
    const fresh = Object.freeze(Object.fromEntries(this.tags.map((tag, i) => [tag, values[i]])));
    this.known.set(key, fresh);
    return fresh;
  }
}
