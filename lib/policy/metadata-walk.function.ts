import {
  MAX_METADATA_DEPTH,
  MAX_METADATA_ENTRIES,
  MAX_METADATA_STRING_LENGTH,
} from './metadata-policy.constants.js';
import { REDACTED, TRUNCATED, UNREADABLE } from '../shared/metadata-markers.constants.js';
import type { KeyVerdict } from './key-verdicts.function.js';
import { defineValue, isIdentifierKey } from '../shared/property-keys.functions.js';
import { emptyErrorCopy, errorCopyPrototype } from './object-copy.functions.js';
import { walkMarker } from '../shared/walk-marker.function.js';
import {
  isSymbolicValue,
  redactSecretsInText,
  secretUnderNeutralKeyReason,
  secretValueReason,
} from './secret-values.rules.js';

/** How one policy judges what the walk meets. */
export interface WalkRules {
  readonly verdict: (key: string) => KeyVerdict;
  /** Throw a {@link PolicyViolation} instead of redacting. */
  readonly strict: boolean;
}

/**
 * A refusal in strict mode. Thrown where it is found and unwound to the root, each container
 * adding its path segment on the way: the path costs nothing unless something is refused.
 */
export class PolicyViolation {
  /** Path segments, innermost first. */
  readonly segments: string[] = [];

  constructor(
    readonly reason: string,
    /** The key that held the value, when there is one to put in `allowKeys`. */
    readonly key: string | undefined,
  ) {}
}

interface Walk {
  readonly rules: WalkRules;
  entries: number;
  /** Containers on the path from the root to the current value: a repeat is a cycle. */
  readonly ancestors: object[];
}

/** How a value's key vouches for it: string values under `safe` keys skip the token checks. */
type Trust = 'neutral' | 'safe';

type Shape = 'object' | 'error' | 'array' | 'map' | 'set' | 'opaque';

/**
 * Values whose content is not made of named properties and that have no accessor a consumer
 * could be fooled by: passed on as they are.
 */
const OPAQUE: readonly (abstract new (...args: never[]) => unknown)[] = [
  Date,
  RegExp,
  Promise,
  ArrayBuffer,
  SharedArrayBuffer,
  WeakMap,
  WeakSet,
  WeakRef,
  Number,
  String,
  Boolean,
];

/** Beyond this many keys the full walk, with its entry budget, takes over. */
const MAX_FLAT_ENTRIES = 32;
/** An error's own fields that are not enumerable but can quote a secret or wrap another error. */
const ERROR_FIELDS = ['name', 'message', 'stack', 'code', 'cause', 'errors'] as const;

/** A getter threw: distinct from every value a getter can return. */
const THREW = Symbol('threw');
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Applies the rules to a metadata object and everything under it, and returns a copy: what was
 * checked is what consumers get, whatever a getter or a proxy would answer on a second read. The
 * copy holds own data properties only; containers in it are fresh, leaves (strings, numbers,
 * dates, binary data, functions) are the values read.
 */
export function sanitizeMetadata(metadata: object, rules: WalkRules): object {
  const flat = copyFlatAndClean(metadata, rules);
  if (flat !== undefined) return flat;
  const result = sanitizeContainer(metadata, 0, 'neutral', { rules, entries: 0, ancestors: [] });
  // Only an unreadable root (a revoked proxy) is not an object; it has nothing to pass on.
  return typeof result === 'object' && result !== null ? result : {};
}

/**
 * The common case, copied without the walk's bookkeeping: a plain object of a few neutral or
 * safe keys whose values are primitives and clean strings. The copy is made first (a spread reads
 * each property once) and then checked, so what is checked is what is handed out. Anything else
 * (a nested object, a key that is not neutral, a trap that throws) goes to the full walk, which
 * decides.
 */
function copyFlatAndClean(metadata: object, rules: WalkRules): object | undefined {
  try {
    if (Object.getPrototypeOf(metadata) !== Object.prototype) return undefined;
    let entries = 0;
    // Count first: a spread of a huge object would copy all of it before the limit is seen.
    // oxlint-disable-next-line no-underscore-dangle -- the keys are only counted here
    for (const _key in metadata) if (++entries > MAX_FLAT_ENTRIES) return undefined;
    const copy: Record<string, unknown> = { ...metadata };
    for (const key in copy) {
      const kind = rules.verdict(key).kind;
      if (kind !== 'neutral' && kind !== 'safe') return undefined;
      const value = copy[key];
      if (typeof value === 'string') {
        if (secretIn(value, kind) !== undefined) return undefined;
      } else if (value !== null && typeof value === 'object') {
        return undefined;
      }
    }
    // A spread also copies symbol-keyed properties, unchecked: looking for them would double the
    // cost of the common case. Symbols are no metadata keys (no sink lists them); the full walk
    // drops them.
    return copy;
  } catch {
    return undefined;
  }
}

function secretIn(value: string, trust: Trust): string | undefined {
  if (value.length > MAX_METADATA_STRING_LENGTH) return 'the value is too long to inspect';
  return trust === 'safe' ? secretValueReason(value) : secretUnderNeutralKeyReason(value);
}

function refuse(walk: Walk, reason: string, key: string | undefined): string {
  if (walk.rules.strict) throw new PolicyViolation(reason, key);
  return REDACTED;
}

function withSegment(error: unknown, segment: string): unknown {
  if (error instanceof PolicyViolation) error.segments.push(segment);
  return error;
}

function read(source: object, key: PropertyKey): unknown {
  try {
    return (source as Record<PropertyKey, unknown>)[key];
  } catch {
    return THREW;
  }
}

/**
 * A long string is cut to the limit, its end marked (it would cost unbounded work to inspect),
 * then judged like any other.
 */
export function boundedString(value: string): string {
  return value.length > MAX_METADATA_STRING_LENGTH
    ? `${value.slice(0, MAX_METADATA_STRING_LENGTH - TRUNCATED.length)}${TRUNCATED}`
    : value;
}

/** One property, element or entry, judged by its key's verdict (none for elements). */
function sanitizeEntry(
  verdict: KeyVerdict | undefined,
  key: string | undefined,
  value: unknown,
  depth: number,
  trust: Trust,
  walk: Walk,
): unknown {
  if (value === THREW) return UNREADABLE;
  const kind = verdict?.kind ?? trust;
  if (verdict !== undefined && verdict.kind === 'forbidden') {
    return value === REDACTED ? value : refuse(walk, verdict.reason, key);
  }
  if (typeof value === 'string') {
    if (kind === 'allowed') return value;
    const text = boundedString(value);
    if (kind === 'code' && !isSymbolicValue(text)) {
      return refuse(walk, 'the value of an OAuth code or state is a secret', key);
    }
    const reason = secretIn(text, kind === 'safe' ? 'safe' : 'neutral');
    return reason === undefined ? text : refuse(walk, reason, key);
  }
  if (kind === 'code' && typeof value === 'number' && Math.abs(value) >= 100_000) {
    return refuse(walk, 'the value of a code looks like a one-time code', key);
  }
  if (value === null || typeof value !== 'object') return value;
  return sanitizeContainer(value, depth + 1, kind === 'safe' ? 'safe' : 'neutral', walk);
}

function shapeOf(value: object): Shape {
  if (Array.isArray(value)) return 'array';
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return 'object';
  if (value instanceof Map) return 'map';
  if (value instanceof Set) return 'set';
  if (value instanceof Error) return 'error';
  if (ArrayBuffer.isView(value)) return 'opaque';
  for (const type of OPAQUE) if (value instanceof type) return 'opaque';
  return 'object';
}

function sanitizeContainer(value: object, depth: number, trust: Trust, walk: Walk): unknown {
  let shape: Shape;
  try {
    shape = shapeOf(value);
  } catch {
    return UNREADABLE;
  }
  if (shape === 'opaque') return value;
  const marker = walkMarker(value, depth, MAX_METADATA_DEPTH, walk.ancestors);
  if (marker !== undefined) return marker;
  walk.ancestors.push(value);
  try {
    if (shape === 'array') return sanitizeArray(value as readonly unknown[], depth, trust, walk);
    if (shape === 'map') return sanitizeMap(value as ReadonlyMap<unknown, unknown>, depth, walk);
    if (shape === 'set') return sanitizeSet(value as ReadonlySet<unknown>, depth, trust, walk);
    return sanitizeProperties(value, shape === 'error', depth, walk);
  } catch (error) {
    if (error instanceof PolicyViolation) throw error;
    // A proxy trap or an exotic object failed while being listed.
    return UNREADABLE;
  } finally {
    walk.ancestors.pop();
  }
}

/** False once the emission's entry budget is spent: the caller stops and marks the cut. */
function takeEntry(walk: Walk): boolean {
  return ++walk.entries <= MAX_METADATA_ENTRIES;
}

/**
 * A key as the copy holds it. A key that is itself a secret (`{ 'alice@example.com': 3 }`) is
 * replaced with `[REDACTED]` (numbered when several are: `[REDACTED 2]`), and never named in a
 * strict-mode path.
 */
function copyKey(copy: object, key: string, verdict: KeyVerdict, walk: Walk): string {
  if (verdict.kind !== 'secret-name') return key;
  if (walk.rules.strict) {
    throw withSegment(new PolicyViolation(verdict.reason, undefined), `[${REDACTED}]`);
  }
  let name = REDACTED;
  for (let n = 2; hasOwn.call(copy, name); n++) name = `[REDACTED ${n}]`;
  return name;
}

function propertySegment(key: string): string {
  return isIdentifierKey(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * Own enumerable string-keyed properties of a plain object, a class instance or an error, into a
 * fresh object of the same prototype; for errors also the non-enumerable `message`, `stack`,
 * `cause`, `errors` (`AggregateError`) and, when its prototype reads them through accessors that a
 * copy could not satisfy (`DOMException`), `name` and `code`.
 */
function sanitizeProperties(source: object, isError: boolean, depth: number, walk: Walk): object {
  const prototype = isError ? errorCopyPrototype(source) : Object.getPrototypeOf(source);
  const copy = isError
    ? emptyErrorCopy(prototype)
    : (Object.create(prototype) as Record<string, unknown>);
  for (const key in source) {
    if (!hasOwn.call(source, key)) continue;
    if (!takeEntry(walk)) {
      defineValue(copy, TRUNCATED, TRUNCATED);
      return copy;
    }
    copyProperty(copy, source, key, depth, walk, true);
  }
  if (isError) {
    const prototypeReplaced = prototype !== Object.getPrototypeOf(source);
    for (const key of ERROR_FIELDS) {
      if (hasOwn.call(copy, key)) continue;
      if (!hasOwn.call(source, key) && !(prototypeReplaced && key in source)) continue;
      if (key === 'message' || key === 'stack') copyErrorText(copy, source, key, walk);
      else copyProperty(copy, source, key, depth, walk, false);
    }
  }
  return copy;
}

/**
 * An error's message or stack: free text, so in redact mode only the secrets the patterns find
 * are cut out and the diagnostic stays; a secret still found after that (a random token as the
 * whole message) redacts it all. Strict mode refuses any.
 */
function copyErrorText(
  copy: Record<string, unknown>,
  source: object,
  key: 'message' | 'stack',
  walk: Walk,
): void {
  const value = read(source, key);
  let result: unknown = value === THREW ? UNREADABLE : value;
  if (typeof value === 'string') {
    const text = boundedString(value);
    const reason = secretUnderNeutralKeyReason(text);
    if (reason !== undefined && walk.rules.strict) {
      throw withSegment(new PolicyViolation(reason, key), `.${key}`);
    }
    const redacted = reason === undefined ? text : redactSecretsInText(text, REDACTED);
    result = secretUnderNeutralKeyReason(redacted) === undefined ? redacted : REDACTED;
  }
  defineValue(copy, key, result, false);
}

function copyProperty(
  copy: Record<string, unknown>,
  source: object,
  key: string,
  depth: number,
  walk: Walk,
  enumerable: boolean,
): void {
  const verdict = walk.rules.verdict(key);
  const name = copyKey(copy, key, verdict, walk);
  try {
    defineValue(
      copy,
      name,
      sanitizeEntry(verdict, key, read(source, key), depth, 'neutral', walk),
      enumerable,
    );
  } catch (error) {
    throw withSegment(error, name === key ? propertySegment(key) : `[${REDACTED}]`);
  }
}

function sanitizeArray(
  source: readonly unknown[],
  depth: number,
  trust: Trust,
  walk: Walk,
): unknown[] {
  const copy: unknown[] = [];
  const length = source.length;
  for (let index = 0; index < length; index++) {
    if (!takeEntry(walk)) {
      copy.push(TRUNCATED);
      return copy;
    }
    if (!(index in source)) {
      copy.length = index + 1; // keep holes
      continue;
    }
    try {
      const value = sanitizeEntry(undefined, undefined, read(source, index), depth, trust, walk);
      defineValue(copy, index, value);
    } catch (error) {
      throw withSegment(error, `[${index}]`);
    }
  }
  return copy;
}

/** Map values, with string keys judged as names (`new Map([['authorization', ...]])`). */
function sanitizeMap(
  source: ReadonlyMap<unknown, unknown>,
  depth: number,
  walk: Walk,
): ReadonlyMap<unknown, unknown> {
  const copy = new Map<unknown, unknown>();
  for (const [key, original] of source) {
    if (!takeEntry(walk)) {
      copy.set(TRUNCATED, TRUNCATED);
      return copy;
    }
    if (typeof key !== 'string') {
      const copiedKey = sanitizeEntry(undefined, undefined, key, depth, 'neutral', walk);
      copy.set(copiedKey, sanitizeMapValue(undefined, '…', original, depth, walk));
      continue;
    }
    const verdict = walk.rules.verdict(key);
    let name = key;
    if (verdict.kind === 'secret-name') {
      if (walk.rules.strict) {
        throw withSegment(new PolicyViolation(verdict.reason, undefined), `.get(${REDACTED})`);
      }
      name = REDACTED;
      for (let n = 2; copy.has(name); n++) name = `[REDACTED ${n}]`;
    }
    copy.set(name, sanitizeMapValue(verdict, key, original, depth, walk));
  }
  return copy;
}

function sanitizeMapValue(
  verdict: KeyVerdict | undefined,
  key: string,
  value: unknown,
  depth: number,
  walk: Walk,
): unknown {
  try {
    return sanitizeEntry(verdict, key, value, depth, 'neutral', walk);
  } catch (error) {
    const shown = verdict?.kind === 'secret-name' ? REDACTED : JSON.stringify(key);
    throw withSegment(error, `.get(${shown})`);
  }
}

function sanitizeSet(
  source: ReadonlySet<unknown>,
  depth: number,
  trust: Trust,
  walk: Walk,
): ReadonlySet<unknown> {
  const copy = new Set<unknown>();
  let index = 0;
  for (const original of source) {
    if (!takeEntry(walk)) {
      copy.add(TRUNCATED);
      return copy;
    }
    try {
      copy.add(sanitizeEntry(undefined, undefined, original, depth, trust, walk));
    } catch (error) {
      throw withSegment(error, `.values()[${index}]`);
    }
    index++;
  }
  return copy;
}
