/** Whether a row's call returns a plain value or a promise the runner awaits. */
export type RowMode = 'sync' | 'async';

/** Who a row measures: the bare call, this library, or a peer it is compared with. */
export type RowSide = 'bare' | 'ours' | 'peer';

/**
 * One benchmark row. `call(i)` performs one instrumented operation for iteration `i`, building
 * its metadata and closure per call, exactly as application code does.
 */
export interface BenchRow {
  /** Stable key used by targets and comparisons. */
  readonly id: string;
  /** Human label for the tables. */
  readonly label: string;
  readonly mode: RowMode;
  readonly side: RowSide;
  /** Id of the row whose median is subtracted to get this row's overhead. */
  readonly baseline: string;
  readonly call: (i: number) => unknown;
}

/** What the runner measured for one row: the median of its per-round medians, in ns/op. */
export interface RowResult {
  readonly id: string;
  readonly label: string;
  readonly mode: RowMode;
  readonly side: RowSide;
  readonly baseline: string;
  readonly medianNs: number;
  /** Per-round medians, to show the spread. */
  readonly roundsNs: readonly number[];
}
