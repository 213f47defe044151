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
 * The factor that converts a measurement from `from` to `to` (conversions are linear), or
 * `undefined` when the two units are not of the same kind.
 */
export function conversionFactor(from: MetricUnit, to: MetricUnit): number | undefined {
  if (isTimeUnit(from) && isTimeUnit(to)) return convertTime(1, from, to);
  if (isByteUnit(from) && isByteUnit(to)) return BYTES_PER[from] / BYTES_PER[to];
  return from === to ? 1 : undefined;
}
