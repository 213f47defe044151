import type { BenchRow, RowMode, RowSide } from './bench-row.types.js';

/** The bare rows every sync or async row's overhead is measured against by default. */
export const BARE_ROW_ID: Readonly<Record<RowMode, string>> = {
  sync: 'bare-sync',
  async: 'bare-async',
};

/**
 * Declares a row. The row id is `${key}-${mode}`; the baseline defaults to the bare call of the
 * same mode.
 */
export function row(
  key: string,
  label: string,
  mode: RowMode,
  side: RowSide,
  call: (i: number) => unknown,
  baseline: string = BARE_ROW_ID[mode],
): BenchRow {
  return { id: `${key}-${mode}`, label, mode, side, baseline, call };
}
