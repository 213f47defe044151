import type { RowMode, RowResult } from './bench-row.types.js';
import { formatNs, formatRatio, markdownTable } from './markdown-table.js';
import { resultById, rowOverhead } from './overhead.js';

/**
 * The per-row table of one mode: median ns/op, the per-round spread, overhead over the row's
 * baseline and that overhead as a multiple of the baseline's own time. A † marks an overhead
 * inside the noise band (floored at ε for ratios).
 */
export function resultsTable(results: readonly RowResult[], mode: RowMode): string {
  const rows = results
    .filter((result) => result.mode === mode)
    .map((result) => {
      const baseline = resultById(results, result.baseline);
      const overhead = rowOverhead(results, result);
      const isBaseline = result.id === result.baseline;
      return [
        result.label,
        result.side,
        formatNs(result.medianNs),
        `${formatNs(Math.min(...result.roundsNs))}–${formatNs(Math.max(...result.roundsNs))}`,
        isBaseline ? '—' : `${formatNs(overhead.rawNs)}${overhead.noise ? ' †' : ''}`,
        isBaseline ? '—' : formatRatio(overhead.ns / baseline.medianNs),
        isBaseline ? 'itself' : baseline.label,
      ];
    });
  return markdownTable(
    [
      'row',
      'side',
      'median ns/op',
      'round medians',
      'overhead ns',
      'overhead ÷ baseline',
      'baseline',
    ],
    rows,
  );
}
