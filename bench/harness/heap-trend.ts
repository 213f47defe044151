import { median } from './median.js';

/** The first quarter of a soak warms up (JIT, pools, the app's caches): not judged. */
export const WARMUP_SHARE = 0.25;
/** Flat: the last third of the judged samples is at most this much above the first third… */
export const FLAT_TOLERANCE_BYTES = 2 * 1024 * 1024;
/** …or this share of it, whichever is larger. */
export const FLAT_TOLERANCE_SHARE = 0.05;
/** Fewer judged samples than this cannot tell a trend: the run is too short. */
export const MIN_JUDGED_SAMPLES = 3;

/** One heap reading of the server, after a full garbage collection. */
export interface HeapReading {
  readonly seconds: number;
  readonly heapUsed: number;
  readonly phase: 'before' | 'load' | 'after';
}

/** What {@link judgeHeapTrend} concludes. */
export interface HeapTrend {
  readonly judged: number;
  readonly first: number;
  readonly last: number;
  readonly growth: number;
  readonly tolerance: number;
  readonly flat: boolean;
}

/**
 * Judges the readings taken under load after the warm-up of a run of `seconds`: flat when the
 * median of the last third is at most max({@link FLAT_TOLERANCE_BYTES},
 * {@link FLAT_TOLERANCE_SHARE} of it) above the median of the first third. Too few readings are
 * never flat.
 */
export function judgeHeapTrend(readings: readonly HeapReading[], seconds: number): HeapTrend {
  const judged = readings
    .filter((reading) => reading.phase === 'load' && reading.seconds >= seconds * WARMUP_SHARE)
    .map((reading) => reading.heapUsed);
  const third = Math.max(1, Math.floor(judged.length / 3));
  const first = judged.length === 0 ? 0 : median(judged.slice(0, third));
  const last = judged.length === 0 ? 0 : median(judged.slice(-third));
  const tolerance = Math.max(FLAT_TOLERANCE_BYTES, first * FLAT_TOLERANCE_SHARE);
  const growth = last - first;
  return {
    judged: judged.length,
    first,
    last,
    growth,
    tolerance,
    flat: judged.length >= MIN_JUDGED_SAMPLES && growth <= tolerance,
  };
}
