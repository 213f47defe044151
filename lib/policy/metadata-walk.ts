import {
  CIRCULAR,
  MAX_METADATA_DEPTH,
  MAX_METADATA_ENTRIES,
  REDACTED,
  TRUNCATED,
  UNREADABLE,
} from './metadata-policy.constants.js';
import type { KeyVerdict } from './key-verdicts.js';
import { copyShell, defineValue } from './object-copy.js';
import { secretValueReason } from './secret-values.js';

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

type Shape = 'object' | 'error' | 'array' | 'map' | 'set' | 'opaque';

/** Values whose content is not made of named properties: passed on as they are. */
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

/** A getter threw: distinct from every value a getter can return. */
const THREW = Symbol('threw');
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const hasOwn = Object.prototype.hasOwnProperty;
const isEnumerable = Object.prototype.propertyIsEnumerable;

/**
 * Applies the rules to a metadata object and everything under it. Returns the object itself when
 * nothing is refused or replaced; otherwise a copy in which only the changed containers are new.
 */
export function sanitizeMetadata(metadata: object, rules: WalkRules): object {
  if (isFlatAndClean(metadata, rules)) return metadata;
  const result = sanitizeContainer(metadata, 0, { rules, entries: 0, ancestors: [] });
  // Only an unreadable root (a revoked proxy) is not an object; it has nothing to pass on.
  return typeof result === 'object' && result !== null ? result : {};
}

/**
 * The common case, decided without the walk's bookkeeping: a plain object of a few neutral keys
 * whose values are primitives and strings that are not secret-shaped. Anything else (a nested
 * object, a key that is not neutral, a getter that throws) goes to the full walk, which decides.
 */
function isFlatAndClean(metadata: object, rules: WalkRules): boolean {
  try {
    let entries = 0;
    for (const key in metadata) {
      if (!hasOwn.call(metadata, key) || ++entries > MAX_FLAT_ENTRIES) return false;
      const value = (metadata as Record<string, unknown>)[key];
      if (rules.verdict(key).kind !== 'neutral') return false;
      if (typeof value === 'string') {
        if (secretValueReason(value) !== undefined) return false;
      } else if (value !== null && typeof value === 'object') {
        return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}

function refuse(walk: Walk, reason: string, key: string | undefined): string {
  if (walk.rules.strict) throw new PolicyViolation(reason, key);
  return REDACTED;
}

function withSegment(error: unknown, segment: string): unknown {
  if (error instanceof PolicyViolation) error.segments.push(segment);
  return error;
}

function propertySegment(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function read(source: object, key: PropertyKey): unknown {
  try {
    return (source as Record<PropertyKey, unknown>)[key];
  } catch {
    return THREW;
  }
}

/** One property, element or entry: its key name, then its value. */
function sanitizeEntry(
  key: string | undefined,
  value: unknown,
  depth: number,
  walk: Walk,
): unknown {
  if (value === THREW) return UNREADABLE;
  if (++walk.entries > MAX_METADATA_ENTRIES) return TRUNCATED;
  if (key !== undefined) {
    const verdict = walk.rules.verdict(key);
    if (verdict.kind === 'forbidden') {
      return value === REDACTED ? value : refuse(walk, verdict.reason, key);
    }
    if (verdict.kind === 'allowed' && typeof value === 'string') return value;
  }
  if (typeof value === 'string') {
    const reason = secretValueReason(value);
    return reason === undefined ? value : refuse(walk, reason, key);
  }
  if (value === null || typeof value !== 'object') return value;
  return sanitizeContainer(value, depth + 1, walk);
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

function sanitizeContainer(value: object, depth: number, walk: Walk): unknown {
  let shape: Shape;
  try {
    shape = shapeOf(value);
  } catch {
    return UNREADABLE;
  }
  if (shape === 'opaque') return value;
  if (depth > MAX_METADATA_DEPTH) return TRUNCATED;
  if (walk.ancestors.includes(value)) return CIRCULAR;
  walk.ancestors.push(value);
  try {
    if (shape === 'array') return sanitizeArray(value as readonly unknown[], depth, walk);
    if (shape === 'map') return sanitizeMap(value as ReadonlyMap<unknown, unknown>, depth, walk);
    if (shape === 'set') return sanitizeSet(value as ReadonlySet<unknown>, depth, walk);
    return sanitizeProperties(value, shape === 'error', depth, walk);
  } catch (error) {
    if (error instanceof PolicyViolation) throw error;
    // A proxy trap or an exotic object failed while being listed.
    return UNREADABLE;
  } finally {
    walk.ancestors.pop();
  }
}

function sanitizeProperty(key: string, original: unknown, depth: number, walk: Walk): unknown {
  try {
    return sanitizeEntry(key, original, depth, walk);
  } catch (error) {
    throw withSegment(error, propertySegment(key));
  }
}

/**
 * The value a copy gets for a property already found clean. A data property's value is the one
 * inspected; a getter may answer differently the second time, so its answer is inspected again.
 */
function cleanValue(source: object, key: string, depth: number, walk: Walk): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(source, key);
  if (descriptor !== undefined && 'value' in descriptor) return descriptor.value;
  return sanitizeProperty(key, read(source, key), depth, walk);
}

function startCopy(
  source: object,
  cleanCount: number,
  depth: number,
  walk: Walk,
): Record<PropertyKey, unknown> {
  const copy = copyShell(source);
  let copied = 0;
  for (const key in source) {
    if (copied === cleanCount) break;
    if (!hasOwn.call(source, key)) continue;
    defineValue(copy, key, cleanValue(source, key, depth, walk));
    copied++;
  }
  return copy;
}

/**
 * Own enumerable properties of a plain object, a class instance or an error; for errors also the
 * non-enumerable `message`, `stack`, `cause` and `errors` (`AggregateError`): a message or stack can
 * quote a token, and wrapped errors hide in the last two.
 */
function sanitizeProperties(source: object, isError: boolean, depth: number, walk: Walk): object {
  let copy: Record<PropertyKey, unknown> | undefined;
  let cleanCount = 0;
  for (const key in source) {
    if (!hasOwn.call(source, key)) continue;
    const original = read(source, key);
    const next = sanitizeProperty(key, original, depth, walk);
    if (copy === undefined) {
      if (next === original) {
        cleanCount++;
        continue;
      }
      copy = startCopy(source, cleanCount, depth, walk);
    }
    defineValue(copy, key, next);
  }
  if (isError) {
    for (const key of ['message', 'stack', 'cause', 'errors']) {
      if (!hasOwn.call(source, key) || isEnumerable.call(source, key)) continue;
      const original = read(source, key);
      const next = sanitizeProperty(key, original, depth, walk);
      if (next === original) continue;
      copy ??= startCopy(source, cleanCount, depth, walk);
      defineValue(copy, key, next, false);
    }
  }
  return copy ?? source;
}

function sanitizeArray(source: readonly unknown[], depth: number, walk: Walk): unknown[] {
  let copy: unknown[] | undefined;
  for (let index = 0; index < source.length; index++) {
    if (copy !== undefined && !(index in source)) continue; // keep holes
    const original = read(source, index);
    let next: unknown;
    try {
      next = sanitizeEntry(undefined, original, depth, walk);
    } catch (error) {
      throw withSegment(error, `[${index}]`);
    }
    if (copy === undefined) {
      if (next === original) continue;
      copy = [];
      copy.length = source.length;
      for (let i = 0; i < index; i++) if (i in source) defineValue(copy, i, source[i]);
    }
    defineValue(copy, index, next);
  }
  return copy ?? (source as unknown[]);
}

/** Map values, with string keys judged as names (`new Map([['authorization', ...]])`). */
function sanitizeMap(
  source: ReadonlyMap<unknown, unknown>,
  depth: number,
  walk: Walk,
): ReadonlyMap<unknown, unknown> {
  let copy: Map<unknown, unknown> | undefined;
  let cleanCount = 0;
  for (const [key, original] of source) {
    const name = typeof key === 'string' ? key : undefined;
    let next: unknown;
    try {
      next = sanitizeEntry(name, original, depth, walk);
    } catch (error) {
      throw withSegment(error, `.get(${name === undefined ? '…' : JSON.stringify(name)})`);
    }
    if (copy === undefined) {
      if (next === original) {
        cleanCount++;
        continue;
      }
      copy = new Map();
      for (const [cleanKey, cleanEntry] of source) {
        if (copy.size === cleanCount) break;
        copy.set(cleanKey, cleanEntry);
      }
    }
    copy.set(key, next);
  }
  return copy ?? source;
}

function sanitizeSet(
  source: ReadonlySet<unknown>,
  depth: number,
  walk: Walk,
): ReadonlySet<unknown> {
  let copy: Set<unknown> | undefined;
  let index = 0;
  for (const original of source) {
    let next: unknown;
    try {
      next = sanitizeEntry(undefined, original, depth, walk);
    } catch (error) {
      throw withSegment(error, `.values()[${index}]`);
    }
    if (copy === undefined && next !== original) {
      copy = new Set();
      let copied = 0;
      for (const cleanMember of source) {
        if (copied++ === index) break;
        copy.add(cleanMember);
      }
    }
    copy?.add(next);
    index++;
  }
  return copy ?? source;
}
