import { performance } from 'node:perf_hooks';

/**
 * Time units of every Sigra event, in one place:
 * - `monotonic_time` and `duration`: integer **nanoseconds** from a monotonic clock (never jumps
 *   with wall-clock changes; only differences are meaningful).
 * - `system_time`: **milliseconds** since the Unix epoch, exactly as `Date.now()`.
 *
 * `native` is an alias of `nanosecond`, for readers coming from Erlang's `:native` unit.
 * @publicApi
 */
export type TimeUnit = 'native' | 'nanosecond' | 'microsecond' | 'millisecond' | 'second';

const NANOSECONDS_PER: Readonly<Record<TimeUnit, number>> = Object.freeze({
  native: 1,
  nanosecond: 1,
  microsecond: 1e3,
  millisecond: 1e6,
  second: 1e9,
});

/**
 * Converts a time value between units. The result is not rounded, so sub-unit precision survives
 * (Prometheus histograms want fractional seconds).
 *
 * @example
 * // on a stop event
 * const seconds = convertTime(measurements.duration, 'native', 'second');
 * @publicApi
 */
export function convertTime(value: number, from: TimeUnit, to: TimeUnit): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`convertTime: value must be a finite number, got ${String(value)}.`);
  }
  return (value * nanosecondsPer(from)) / nanosecondsPer(to);
}

function nanosecondsPer(unit: TimeUnit): number {
  if (!Object.hasOwn(NANOSECONDS_PER, unit)) {
    throw new TypeError(
      `convertTime: unknown time unit ${JSON.stringify(unit)}; use one of ${Object.keys(NANOSECONDS_PER).join(', ')}.`,
    );
  }
  return NANOSECONDS_PER[unit];
}

/** Wall clock minus monotonic clock, in ms, as last measured; and when (monotonic ms). */
let wallOffsetMs = Date.now() - performance.now();
let offsetMeasuredAtMs = performance.now();

/**
 * The wall-clock time (ms since the epoch, as `Date.now()`) at a monotonic reading. One clock read
 * per span start instead of two: the offset between the clocks is re-measured with `Date.now()`
 * at most once a second, so wall-clock adjustments show up within a second.
 */
export function systemTimeAt(monotonicNs: number): number {
  const monotonicMs = monotonicNs / 1e6;
  if (monotonicMs - offsetMeasuredAtMs > 1000) {
    wallOffsetMs = Date.now() - performance.now();
    offsetMeasuredAtMs = monotonicMs;
  }
  return Math.round(wallOffsetMs + monotonicMs);
}

/**
 * Reads the monotonic clock in integer nanoseconds. Based on `performance.now()`, which counts from
 * process start, so values stay exact integers for about 104 days of uptime (2^53 ns) and lose
 * only nanosecond precision after that.
 */
export function monotonicTime(): number {
  return Math.round(performance.now() * 1e6);
}
