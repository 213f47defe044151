import { inspect } from 'node:util';

/** The longest key list shown when describing an object. */
const DESCRIBED_KEYS = 8;

/** Keys shown when describing an object: identifiers only (a key can itself be a secret). */
const SHOWN_KEY = /^[A-Za-z_$][\w$]{0,39}$/;

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
