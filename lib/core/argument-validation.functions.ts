import { inspect } from 'node:util';
/**
 * The longest event name, in segments. Event names are short fixed paths such as
 * `['sigra', 'auth', 'login', 'stop']`; without a bound, one huge name costs quadratic time and
 * memory to attach.
 */
export const MAX_EVENT_NAME_SEGMENTS = 32;

/** The longest segment of an event name, in UTF-16 code units. */
export const MAX_SEGMENT_LENGTH = 128;

/** The longest key list shown when describing an object. */
const DESCRIBED_KEYS = 8;

/** Keys shown when describing an object: identifiers only (a key can itself be a secret). */
const SHOWN_KEY = /^[A-Za-z_$][\w$]{0,39}$/;

/**
 * A `TypeError` raised by argument validation. Recognised, so that validation code that catches
 * errors from reading hostile values (proxy traps, throwing getters) lets its own errors through.
 */
export class ArgumentError extends TypeError {}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function describeKeys(value: object): string {
  const keys = Object.keys(value);
  if (keys.length === 0) return 'no keys';
  const shown = keys.filter((key) => SHOWN_KEY.test(key)).slice(0, DESCRIBED_KEYS);
  const hidden = keys.length - shown.length;
  const tail =
    hidden === 0 ? '' : `${shown.length === 0 ? '' : ' and '}${count(hidden, 'other key')}`;
  return `${shown.length === 0 ? '' : `keys ${shown.join(', ')}`}${tail}`;
}

function describeObject(value: object): string {
  if (Array.isArray(value)) return `an array of ${count(value.length, 'element')}`;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return `an object without prototype, with ${describeKeys(value)}`;
  if (proto === Object.prototype) return `an object with ${describeKeys(value)}`;
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  const name = typeof ctor === 'function' && SHOWN_KEY.test(ctor.name) ? ctor.name : 'a class';
  if (value instanceof Error) return `an instance of ${name}`;
  return `an instance of ${name} with ${describeKeys(value)}`;
}

/**
 * The error for a bad option, in the one shape every options check uses:
 * `where: subject must be expected; got <description>.` The value is described, never printed
 * (it may be a secret).
 *
 * @example invalidOption('createMetadataPolicy', 'options.mode', 'drop', oneOf(MODES))
 */
export function invalidOption(
  where: string,
  subject: string,
  value: unknown,
  expected: string,
): TypeError {
  return new TypeError(`${where}: ${subject} must be ${expected}; got ${describeValue(value)}.`);
}

/** `one of 'a', 'b'`: the allowed values of an option, quoted. */
export function oneOf(values: readonly string[]): string {
  return `one of ${values.map((value) => `'${value}'`).join(', ')}`;
}

/**
 * Describes a bad value for an error message by its shape, never its contents: the value may be
 * a password, a token or a whole DTO (`an instance of LoginDto with keys email, password`).
 * Never throws, even for a revoked proxy or an object whose traps or getters throw.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
      return String(value);
    case 'number':
      return describeNumber(value);
    case 'bigint':
      return 'a bigint';
    case 'string':
      return value === '' ? 'an empty string' : `a string of ${count(value.length, 'character')}`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (value === null) return 'null';
  try {
    return describeObject(value as object);
  } catch {
    return 'an object that cannot be inspected (a proxy whose traps throw, or a revoked one)';
  }
}

function isLiteral(item: unknown): boolean {
  return typeof item === 'string' || typeof item === 'number';
}

/**
 * Describes a bad setting that is written in code, not data (a metric's name, a unit, bucket
 * bounds, an alert threshold): strings and arrays of strings and numbers are quoted as written,
 * so the error shows the typo; anything else is described by its shape (see `describeValue`).
 */
export function describeSetting(value: unknown): string {
  if (isLiteral(value) || (Array.isArray(value) && value.length <= 16 && value.every(isLiteral))) {
    const text = inspect(value, { breakLength: Infinity });
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  }
  return describeValue(value);
}

/**
 * An option's error ("must be a positive integer, got 0") is useless without its number, but an
 * integer of four digits or more may be a one-time code: those are described by their length.
 */
function describeNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) >= 1000) {
    return `an integer of ${Math.floor(Math.log10(Math.abs(value))) + 1} digits`;
  }
  return String(value);
}

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
