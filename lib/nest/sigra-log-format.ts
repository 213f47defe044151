import type { EventName, Measurements, Metadata } from '../core/index.js';

/** The structured record the default logger hands to Nest's `Logger` with `encode: 'json'`. @publicApi */
export interface SigraLogRecord {
  source: 'sigra';
  /** The event name without its leading `sigra`, dotted: `auth.login.stop`. */
  event: string;
  measurements: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Nesting deeper than this is summarised: log lines stay bounded whatever the metadata holds. */
const MAX_DEPTH = 5;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// Line breaks and other control characters would let metadata forge extra log lines.
// oxlint-disable-next-line no-control-regex -- matching them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// JSON.stringify leaves these as they are, but log viewers may break lines on them.
const JSON_UNESCAPED_BREAKS = /[\u007f-\u009f\u2028\u2029]/g;

/** Strings that need no escaping at all: printable ASCII without `"` and `\\`. */
const PLAIN_STRING = /^[ !#-[\]-~]*$/;

/** A double-quoted string literal in which no character can start a new log line. */
function quote(text: string): string {
  if (PLAIN_STRING.test(text)) return `"${text}"`;
  return JSON.stringify(text).replace(
    JSON_UNESCAPED_BREAKS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const labels = new WeakMap<EventName, string>();

/**
 * `auth.login.stop` for `['sigra','auth','login','stop']`; other names keep every segment.
 * Handlers receive the core's frozen name arrays, so each label is built once.
 */
export function eventLabel(eventName: EventName): string {
  let label = labels.get(eventName);
  if (label === undefined) {
    const joined = (eventName[0] === 'sigra' ? eventName.slice(1) : eventName).join('.');
    label = UNSAFE.test(joined) ? quote(joined) : joined;
    labels.set(eventName, label);
  }
  return label;
}

/** Marks a value that is a container (array, Set, Map, object): walked, not converted. */
const CONTAINER = Symbol('container');

/**
 * What both encodings make of a value that is not a container: primitives stay, `undefined` is
 * `null`, bigints and symbols become strings, Errors `{ name, message }`, Dates ISO strings.
 */
function leafValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'bigint':
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return CONTAINER;
}

/** Why a container is not walked (a cycle, or nesting past `MAX_DEPTH`), if it is not. */
function containerMarker(value: object, depth: number, ancestors: readonly object[]) {
  if (ancestors.includes(value)) return '[Circular]';
  return depth >= MAX_DEPTH ? '[Truncated]' : undefined;
}

/** Own enumerable entries of an object, or the entries of a Map with their keys as strings. */
function* fields(value: object): Iterable<[string, unknown]> {
  if (value instanceof Map) {
    for (const [key, inner] of value) yield [String(key), inner];
    return;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key)) yield [key, (value as Record<string, unknown>)[key]];
  }
}

/**
 * A JSON-safe copy for `encode: 'json'`: leaves as `leafValue` makes them, Maps objects, Sets
 * arrays, cycles and over-deep values markers. Strings are kept as they are; JSON encoding
 * escapes them.
 */
function toLogSafe(value: unknown, depth = 0, ancestors: object[] = []): unknown {
  const leaf = leafValue(value);
  if (leaf !== CONTAINER) return leaf;
  const object = value as object;
  const marker = containerMarker(object, depth, ancestors);
  if (marker !== undefined) return marker;
  ancestors.push(object);
  try {
    if (Array.isArray(object) || object instanceof Set) {
      return Array.from(object as Iterable<unknown>, (inner) =>
        toLogSafe(inner, depth + 1, ancestors),
      );
    }
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of fields(object)) {
      // Defined, not assigned: a `__proto__` key stays an ordinary field.
      Object.defineProperty(copy, key, {
        value: toLogSafe(inner, depth + 1, ancestors),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  } finally {
    ancestors.pop();
  }
}

/**
 * Sigra's text shape, with bare identifier keys and JSON-escaped strings:
 * `{user_id: 1, ip: "1.2.3.4"}`. Renders the values themselves, with no intermediate copy: this
 * runs for every logged event.
 */
function printCompact(value: unknown, depth: number, ancestors: object[]): string {
  const leaf = leafValue(value);
  if (leaf !== CONTAINER) {
    if (typeof leaf === 'string') return quote(leaf);
    return leaf !== null && typeof leaf === 'object'
      ? printCompact(leaf, depth, ancestors)
      : String(leaf);
  }
  const object = value as object;
  const marker = containerMarker(object, depth, ancestors);
  if (marker !== undefined) return quote(marker);
  ancestors.push(object);
  try {
    let out = '';
    if (Array.isArray(object) || object instanceof Set) {
      for (const inner of object as Iterable<unknown>) {
        out += (out === '' ? '' : ', ') + printCompact(inner, depth + 1, ancestors);
      }
      return `[${out}]`;
    }
    for (const [key, inner] of fields(object)) {
      out += `${out === '' ? '' : ', '}${keyText(key)}${printCompact(inner, depth + 1, ancestors)}`;
    }
    return `{${out}}`;
  } finally {
    ancestors.pop();
  }
}

const keyTexts = new Map<string, string>();
/** Keys recur in every event; bounded, since metadata keys may come from a request. */
const MAX_KEY_TEXTS = 512;

/** `user_id: ` for an identifier key, `"odd key": ` for any other. */
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${IDENTIFIER.test(key) ? key : quote(key)}: `;
    if (keyTexts.size >= MAX_KEY_TEXTS) keyTexts.clear();
    keyTexts.set(key, text);
  }
  return text;
}

/** `[Sigra] security.rate_limited {count: 1} {ip: "1.2.3.4", key_prefix: "sigra", retry_after: 30}` */
export function formatText(
  eventName: EventName,
  measurements: Measurements,
  metadata: Metadata,
): string {
  return `[Sigra] ${eventLabel(eventName)} ${printCompact(measurements, 0, [])} ${printCompact(metadata, 0, [])}`;
}

/** The structured record for `encode: 'json'`. */
export function formatJson(
  eventName: EventName,
  measurements: Measurements,
  metadata: Metadata,
): SigraLogRecord {
  return {
    source: 'sigra',
    event: eventLabel(eventName),
    measurements: toLogSafe(measurements) as Record<string, unknown>,
    metadata: toLogSafe(metadata) as Record<string, unknown>,
  };
}
