import { convertTime, type TimeUnit } from '../core/index.js';

/** Units a byte measurement can be declared or converted in; decimal multiples. @publicApi */
export type ByteUnit = 'byte' | 'kilobyte' | 'megabyte';

/**
 * A metric's unit: a time unit of `convertTime`, a byte unit, or `'unit'` for a plain count.
 * @publicApi
 */
export type MetricUnit = TimeUnit | ByteUnit | 'unit';

const TIME_UNITS: readonly TimeUnit[] = [
  'native',
  'nanosecond',
  'microsecond',
  'millisecond',
  'second',
];

const BYTES_PER: Readonly<Record<ByteUnit, number>> = { byte: 1, kilobyte: 1e3, megabyte: 1e6 };

/** Every unit a declaration accepts, for error messages and checks. */
export const METRIC_UNITS: readonly MetricUnit[] = [
  ...TIME_UNITS,
  ...(Object.keys(BYTES_PER) as ByteUnit[]),
  'unit',
];

export function isMetricUnit(value: unknown): value is MetricUnit {
  return METRIC_UNITS.includes(value as MetricUnit);
}

function isTimeUnit(unit: MetricUnit): unit is TimeUnit {
  return TIME_UNITS.includes(unit as TimeUnit);
}

function isByteUnit(unit: MetricUnit): unit is ByteUnit {
  return Object.hasOwn(BYTES_PER, unit);
}

/**
 * How a measurement converts from `from` to `to`: `value * multiply / divide` (multiplying first
 * and dividing once keeps round values exact, as `convertTime` does: 1,000,000 ns is exactly
 * 0.001 s), or `undefined` when the two units are not of the same kind.
 */
export function unitConversion(
  from: MetricUnit,
  to: MetricUnit,
): { multiply: number; divide: number } | undefined {
  if (isTimeUnit(from) && isTimeUnit(to)) {
    return {
      multiply: convertTime(1, from, 'nanosecond'),
      divide: convertTime(1, to, 'nanosecond'),
    };
  }
  if (isByteUnit(from) && isByteUnit(to))
    return { multiply: BYTES_PER[from], divide: BYTES_PER[to] };
  return from === to ? { multiply: 1, divide: 1 } : undefined;
}
