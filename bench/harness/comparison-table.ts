import type { RowMode, RowResult } from './bench-row.types.js';
import { formatRatio, markdownTable } from './markdown-table.js';
import { rowOverhead } from './overhead.js';

/** The results of one process, named for the column headers. */
export interface MeasuredSet {
  /** Short tag of the process the rows ran in, e.g. `main` or `OTel SDK child`. */
  readonly process: string;
  readonly results: readonly RowResult[];
}

/**
 * Our overhead divided by each peer's overhead (each measured against the bare call of its own
 * process): below 1× ours is cheaper. Peers measured in another process are tagged in the header.
 */
export function comparisonTable(
  ours: MeasuredSet,
  peerSets: readonly MeasuredSet[],
  mode: RowMode,
): string {
  const peers = peerSets.flatMap((set) =>
    set.results
      .filter((result) => result.side === 'peer' && result.mode === mode)
      .map((result) => ({
        header: set.process === ours.process ? result.label : `${result.label} [${set.process}]`,
        overhead: rowOverhead(set.results, result),
      })),
  );
  const rows = ours.results
    .filter((result) => result.side === 'ours' && result.mode === mode)
    .map((result) => {
      const overhead = rowOverhead(ours.results, result);
      return [
        result.label,
        ...peers.map((peer) => {
          const noisy = overhead.noise || peer.overhead.noise ? ' †' : '';
          return `${formatRatio(overhead.ns / peer.overhead.ns)}${noisy}`;
        }),
      ];
    });
  return markdownTable([`ours (${mode}) ÷ peer`, ...peers.map((peer) => peer.header)], rows);
}
