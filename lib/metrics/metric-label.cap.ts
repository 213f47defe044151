import type { Metadata } from '../core/index.js';
import type { MetricLabels } from './metrics-reporter.types.js';

/** Label value of the series that unseen label sets fold into once a metric is full. */
export const OTHER_LABEL_VALUE = 'other';

const NO_LABELS: MetricLabels = Object.freeze({});

/** A label value: strings as they are, numbers, booleans and bigints as text; nothing else. */
function labelValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return undefined;
  }
}

/** Label values, tag by tag, down to the frozen labels object of each known set. */
type LabelTree = Map<string, LabelTree | MetricLabels>;

/**
 * The label sets one metric has seen, at most `max` of them, in a tree keyed by each tag's value
 * (no key string to build, so no two sets can collide). A known set costs one map lookup per
 * tag and hands over the same frozen object every time.
 */
export class MetricLabelCap {
  private readonly known: LabelTree = new Map();
  private size = 0;
  private readonly other: MetricLabels;
  private warned = false;

  constructor(
    private readonly tags: readonly string[],
    private readonly max: number,
    private readonly onFull: () => void,
  ) {
    this.other = Object.freeze(Object.fromEntries(tags.map((tag) => [tag, OTHER_LABEL_VALUE])));
  }

  /**
   * The labels of the tags' values in `source`, the `other` set once the cap is reached, or
   * `undefined` when a tag is missing or not a primitive.
   */
  labelsOf(source: Metadata | undefined): MetricLabels | undefined {
    const { tags } = this;
    if (tags.length === 0) return NO_LABELS;
    // A tagValues function may return nothing: the event is skipped, as for a missing tag.
    if (source == null) return undefined;
    // Walk the known sets while they match; the first unseen value leaves the walk, so a known
    // set costs one map lookup per tag and nothing else.
    const last = tags.length - 1;
    let node = this.known;
    for (let i = 0; i < last; i++) {
      const value = labelValue(source[tags[i] as string]);
      if (value === undefined) return undefined;
      const next = node.get(value) as LabelTree | undefined;
      if (next === undefined) return this.unseen(source, i + 1);
      node = next;
    }
    const value = labelValue(source[tags[last] as string]);
    if (value === undefined) return undefined;
    return (node.get(value) as MetricLabels | undefined) ?? this.unseen(source, last + 1);
  }

  /**
   * A label set not seen yet, whose tags before `from` are valid: `undefined` when a later tag
   * is missing or not a primitive, the `other` set once the cap is reached, a new set otherwise.
   */
  private unseen(source: Metadata, from: number): MetricLabels | undefined {
    for (let i = from; i < this.tags.length; i++) {
      if (labelValue(source[this.tags[i] as string]) === undefined) return undefined;
    }
    if (this.size >= this.max) {
      if (!this.warned) {
        this.warned = true;
        this.onFull();
      }
      return this.other;
    }
    return this.add(source);
  }

  /** Records a new label set (every value already checked) and returns its labels. */
  private add(source: Metadata): MetricLabels {
    const values = this.tags.map((tag) => labelValue(source[tag]) as string);
    const labels = Object.freeze(Object.fromEntries(this.tags.map((tag, i) => [tag, values[i]])));
    let node = this.known;
    values.forEach((value, i) => {
      if (i === values.length - 1) {
        node.set(value, labels);
      } else {
        const next = (node.get(value) as LabelTree | undefined) ?? new Map();
        node.set(value, next);
        node = next;
      }
    });
    this.size++;
    return labels;
  }
}
