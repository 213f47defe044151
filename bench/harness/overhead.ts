import type { RowResult } from './bench-row.types.js';

/**
 * Smallest overhead the tables divide by, in ns. Below it a difference of medians is timer and
 * scheduling noise, and a ratio of two such numbers would be meaningless.
 */
export const OVERHEAD_EPSILON_NS = 0.5;

/** A row's cost over its baseline, with the noise band it has to clear to count. */
export interface Overhead {
  /** Row median − baseline median, floored at {@link OVERHEAD_EPSILON_NS}. */
  readonly ns: number;
  /** The unfloored difference. */
  readonly rawNs: number;
  /** True when the difference does not clear the round-to-round noise of the two rows. */
  readonly noise: boolean;
  /** The noise band, in ns: half the spread of each row's per-round medians, added together. */
  readonly band: number;
}

function halfRange(values: readonly number[]): number {
  return (Math.max(...values) - Math.min(...values)) / 2;
}

/**
 * Overhead of `row` over `baseline`. The noise band is half the spread of each row's per-round
 * medians added together: a difference inside it could come from drift between rounds alone.
 */
export function overheadOf(row: RowResult, baseline: RowResult): Overhead {
  const rawNs = row.medianNs - baseline.medianNs;
  const band = Math.max(
    OVERHEAD_EPSILON_NS,
    halfRange(row.roundsNs) + halfRange(baseline.roundsNs),
  );
  return { ns: Math.max(rawNs, OVERHEAD_EPSILON_NS), rawNs, noise: rawNs < band, band };
}

/** Looks up a measured row by id, failing loudly when a table refers to a row that did not run. */
export function resultById(results: readonly RowResult[], id: string): RowResult {
  const found = results.find((result) => result.id === id);
  if (found === undefined) throw new Error(`No measured row with id ${id}.`);
  return found;
}

/** Overhead of a row over the baseline it declares. */
export function rowOverhead(results: readonly RowResult[], row: RowResult): Overhead {
  return overheadOf(row, resultById(results, row.baseline));
}
