import { describe, expect, it } from 'vitest';
import { convertTime } from '../../lib/core/index.js';

describe('convertTime', () => {
  it.each([
    [1_500_000_000, 'native', 'second', 1.5],
    [2_000, 'nanosecond', 'microsecond', 2],
    [3, 'millisecond', 'nanosecond', 3_000_000],
    [1, 'second', 'millisecond', 1_000],
    [1_234, 'nanosecond', 'native', 1_234],
  ] as const)('converts %d %s to %s', (value, from, to, expected) => {
    expect(convertTime(value, from, to)).toBe(expected);
  });

  it('refuses unknown units and non-finite values, naming the problem', () => {
    expect(() => convertTime(1, 'minute' as never, 'second')).toThrow(
      /unknown time unit "minute"; use one of native, nanosecond, microsecond, millisecond, second/,
    );
    expect(() => convertTime(1, 'second', '__proto__' as never)).toThrow(
      /unknown time unit "__proto__"/,
    );
    expect(() => convertTime(Number.NaN, 'second', 'native')).toThrow(/finite number, got NaN/);
  });
});
