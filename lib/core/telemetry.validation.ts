import { inspect } from 'node:util';

/** A short, single-line rendering of a bad value for error messages. */
export function describeValue(value: unknown): string {
  const text = inspect(value, { depth: 2, breakLength: Infinity, maxArrayLength: 8 });
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function badEventName(fn: string, argument: string, value: unknown, why: string): TypeError {
  return new TypeError(
    `${fn}: ${argument} must be a non-empty array of non-empty strings (for example ['sigra', 'auth', 'login']); ${why}, got ${describeValue(value)}.`,
  );
}

/**
 * Checks one segment of an event name. Called inside the trie walk, so checking costs one
 * comparison per segment on the hot path.
 */
export function assertSegment(
  fn: string,
  argument: string,
  name: readonly unknown[],
  index: number,
): string {
  const segment = name[index];
  if (typeof segment !== 'string' || segment.length === 0) {
    throw badEventName(fn, argument, name, `segment ${index} is ${describeValue(segment)}`);
  }
  return segment;
}

/** Checks that a value is an array of at least `minLength` elements (segments checked apart). */
export function assertNameArray(
  fn: string,
  argument: string,
  name: unknown,
  minLength: number,
): asserts name is readonly unknown[] {
  if (!Array.isArray(name)) throw badEventName(fn, argument, name, 'it is not an array');
  if (name.length < minLength) throw badEventName(fn, argument, name, 'it is empty');
}

/** Checks a whole event name (or, with `minLength` 0, a prefix that may be empty). */
export function assertEventName(
  fn: string,
  argument: string,
  name: unknown,
  minLength = 1,
): asserts name is readonly string[] {
  assertNameArray(fn, argument, name, minLength);
  for (let i = 0; i < name.length; i++) assertSegment(fn, argument, name, i);
}

/** Plain objects only: a class instance or array as measurements/metadata is almost surely a bug. */
export function assertPlainObject(
  fn: string,
  argument: string,
  value: unknown,
): asserts value is Record<string, unknown> {
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return;
  }
  throw new TypeError(
    `${fn}: ${argument} must be a plain object such as { user_id: 42 }, got ${describeValue(value)}.`,
  );
}

export function assertFunction(
  fn: string,
  argument: string,
  value: unknown,
): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') {
    throw new TypeError(`${fn}: ${argument} must be a function, got ${describeValue(value)}.`);
  }
}
