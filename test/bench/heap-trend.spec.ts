import { describe, expect, it } from 'vitest';
import {
  FLAT_TOLERANCE_BYTES,
  judgeHeapTrend,
  type HeapReading,
} from '../../bench/harness/heap-trend.js';

const MB = 1024 * 1024;

/** Readings every 2 s of a 30 s run, under load, with the heap given by `heapAt(seconds)`. */
function run(heapAt: (seconds: number) => number): HeapReading[] {
  const readings: HeapReading[] = [{ seconds: 0, heapUsed: heapAt(0), phase: 'before' }];
  for (let seconds = 2; seconds <= 30; seconds += 2) {
    readings.push({ seconds, heapUsed: heapAt(seconds), phase: 'load' });
  }
  readings.push({ seconds: 31, heapUsed: heapAt(31), phase: 'after' });
  return readings;
}

describe('the soak judges the heap trend', () => {
  it('a heap that settles after the warm-up is flat, however much the warm-up took', () => {
    const trend = judgeHeapTrend(
      run((s) => (s < 7 ? 10 * MB + s * MB : 20 * MB)),
      30,
    );
    expect(trend.flat).toBe(true);
    expect(trend.growth).toBe(0);
  });

  it('noise within the tolerance is flat', () => {
    const trend = judgeHeapTrend(
      run((s) => 20 * MB + ((s * 7919) % 5) * 0.1 * MB),
      30,
    );
    expect(trend.flat).toBe(true);
  });

  it('a steady leak beyond the tolerance is growing', () => {
    const trend = judgeHeapTrend(
      run((s) => 20 * MB + s * 0.2 * MB),
      30,
    );
    expect(trend.flat).toBe(false);
    expect(trend.growth).toBeGreaterThan(FLAT_TOLERANCE_BYTES);
  });

  it('the tolerance grows with a large heap (5 %)', () => {
    expect(
      judgeHeapTrend(
        run((s) => 200 * MB + s * 0.3 * MB),
        30,
      ).flat,
    ).toBe(true);
    expect(
      judgeHeapTrend(
        run((s) => 200 * MB + s * 1 * MB),
        30,
      ).flat,
    ).toBe(false);
  });

  it('too few readings are never flat', () => {
    const readings = run(() => 20 * MB).filter((reading) => reading.seconds <= 10);
    expect(judgeHeapTrend(readings, 30).flat).toBe(false);
    expect(judgeHeapTrend([], 30).flat).toBe(false);
  });
});
