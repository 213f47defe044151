import { do_not_optimize, measure } from 'mitata';
import type { BenchRow, RowResult } from './bench-row.types.js';
import { median } from './median.js';

/** How long the runner samples one row per round, and how many rounds it interleaves. */
export interface MeasureSettings {
  readonly rounds: number;
  /** CPU time per row per round, in nanoseconds (mitata's `min_cpu_time`). */
  readonly cpuTimePerRoundNs: number;
}

/**
 * Turns a row into the zero-argument function mitata samples. Every row goes through this one
 * adapter, so all rows pay the same harness cost. A sync result goes into mitata's sink so the
 * call cannot be removed as dead code; an async result is awaited by mitata itself and then sunk.
 */
function sampler(row: BenchRow): () => unknown {
  let i = 0;
  const call = row.call;
  if (row.mode === 'sync') {
    return () => {
      do_not_optimize(call(i++));
    };
  }
  return async () => {
    do_not_optimize(await (call(i++) as Promise<unknown>));
  };
}

/**
 * Measures every row in interleaved rounds: each round samples all rows once, in an order
 * rotated by one per round, so slow drift of the machine (thermal, other processes, JIT tiers)
 * spreads over all rows instead of landing on whichever ran last. A row's result is the median
 * of its per-round mitata p50s.
 */
export async function measureRows(
  rows: readonly BenchRow[],
  settings: MeasureSettings,
  onRound?: (round: number) => void,
): Promise<RowResult[]> {
  const samplers = rows.map(sampler);
  const perRound: number[][] = rows.map(() => []);
  for (let round = 0; round < settings.rounds; round++) {
    for (let k = 0; k < rows.length; k++) {
      const index = (k + round) % rows.length;
      const stats = await measure(samplers[index]!, {
        min_cpu_time: settings.cpuTimePerRoundNs,
        min_samples: 12,
      });
      perRound[index]!.push(stats.p50);
    }
    onRound?.(round + 1);
  }
  return rows.map((row, index) => ({
    id: row.id,
    label: row.label,
    mode: row.mode,
    side: row.side,
    baseline: row.baseline,
    medianNs: median(perRound[index]!),
    roundsNs: perRound[index]!,
  }));
}
