import { describeValue } from '../shared/value-description.functions.js';

/**
 * The longest event name, in segments. Event names are short fixed paths such as
 * `['sigra', 'auth', 'login', 'stop']`; without a bound, one huge name costs quadratic time and
 * memory to attach.
 */
export const MAX_EVENT_NAME_SEGMENTS = 32;

/** The longest segment of an event name, in UTF-16 code units. */
export const MAX_SEGMENT_LENGTH = 128;

/**
 * A `TypeError` raised by argument validation. Recognised, so that validation code that catches
 * errors from reading hostile values (proxy traps, throwing getters) lets its own errors through.
 */
export class ArgumentError extends TypeError {}

/**
 * Turns an error thrown while reading an argument (a proxy trap, a getter) into a `TypeError`
 * that names the argument; validation's own errors pass through as they are.
 */
export function unreadableArgument(fn: string, argument: string, error: unknown): TypeError {
  if (error instanceof ArgumentError) return error;
  return new ArgumentError(
    `${fn}: ${argument} cannot be read (reading it threw ${describeValue(error)}); pass plain data, not a proxy or an object with throwing accessors.`,
    { cause: error },
  );
}

function badEventName(fn: string, argument: string, value: unknown, why: string): TypeError {
  return new ArgumentError(
    `${fn}: ${argument} must be a non-empty array of at most ${MAX_EVENT_NAME_SEGMENTS} non-empty strings of at most ${MAX_SEGMENT_LENGTH} characters (for example ['sigra', 'auth', 'login']; variable data belongs in metadata); ${why}, got ${describeValue(value)}.`,
  );
}

/**
 * Checks one segment of an event name. Called inside the trie walk, so checking costs two
 * comparisons per segment on the hot path.
 */
export function assertSegment(
  fn: string,
  argument: string,
  name: readonly unknown[],
  index: number,
): string {
  const segment = name[index];
  if (typeof segment !== 'string' || segment.length === 0 || segment.length > MAX_SEGMENT_LENGTH) {
    throw badEventName(fn, argument, name, `segment ${index} is ${describeValue(segment)}`);
  }
  return segment;
}

/** Checks that a value is an array of `minLength` to the maximum elements (segments apart). */
export function assertNameArray(
  fn: string,
  argument: string,
  name: unknown,
  minLength: number,
): asserts name is readonly unknown[] {
  if (!Array.isArray(name)) throw badEventName(fn, argument, name, 'it is not an array');
  if (name.length < minLength) throw badEventName(fn, argument, name, 'it is empty');
  if (name.length > MAX_EVENT_NAME_SEGMENTS) {
    throw badEventName(fn, argument, name, 'it is too long');
  }
}

/** Checks a whole event name (or, with `minLength` 0, a prefix that may be empty). */
export function assertEventName(
  fn: string,
  argument: string,
  name: unknown,
  minLength = 1,
): asserts name is readonly string[] {
  try {
    assertNameArray(fn, argument, name, minLength);
    for (let i = 0; i < name.length; i++) assertSegment(fn, argument, name, i);
  } catch (error) {
    throw unreadableArgument(fn, argument, error);
  }
}

/** Plain objects only: a class instance or array as measurements/metadata is almost surely a bug. */
export function assertPlainObject(
  fn: string,
  argument: string,
  value: unknown,
): asserts value is Record<string, unknown> {
  if (value !== null && typeof value === 'object') {
    let proto: unknown;
    try {
      proto = Object.getPrototypeOf(value);
    } catch (error) {
      throw unreadableArgument(fn, argument, error);
    }
    if (proto === Object.prototype || proto === null) return;
  }
  throw new ArgumentError(
    `${fn}: ${argument} must be a plain object such as { user_id: 42 }, got ${describeValue(value)}.`,
  );
}

export function assertFunction(
  fn: string,
  argument: string,
  value: unknown,
): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') {
    throw new ArgumentError(`${fn}: ${argument} must be a function, got ${describeValue(value)}.`);
  }
}
