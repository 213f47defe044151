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

/** A double-quoted string literal in which no character can start a new log line. */
function quote(text: string): string {
  return JSON.stringify(text).replace(
    JSON_UNESCAPED_BREAKS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `auth.login.stop` for `['sigra','auth','login','stop']`; other names keep every segment. */
export function eventLabel(eventName: EventName): string {
  const label = (eventName[0] === 'sigra' ? eventName.slice(1) : eventName).join('.');
  return UNSAFE.test(label) ? quote(label) : label;
}

/**
 * A JSON-safe copy: Errors become `{ name, message }`, bigints and symbols strings, Maps objects,
 * Sets arrays, cycles and over-deep values markers. Strings are kept as they are; JSON encoding
 * escapes them.
 */
export function toLogSafe(value: unknown, depth = 0, ancestors: object[] = []): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
  if (object instanceof Error) return { name: object.name, message: object.message };
  const nested = [...ancestors, object];
  const walk = (inner: unknown) => toLogSafe(inner, depth + 1, nested);
  if (Array.isArray(object) || object instanceof Set) return [...object].map(walk);
  const entries = object instanceof Map ? [...object] : Object.entries(object);
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of entries) {
    Object.defineProperty(copy, String(key), {
      value: walk(inner),
      enumerable: true,
      writable: true,
    });
  }
  return copy;
}

/** Sigra's text shape, with bare identifier keys and JSON-escaped strings: `{user_id: 1, ip: "1.2.3.4"}`. */
function printCompact(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(printCompact).join(', ')}]`;
  const fields = Object.entries(value).map(
    ([key, inner]) => `${IDENTIFIER.test(key) ? key : quote(key)}: ${printCompact(inner)}`,
  );
  return `{${fields.join(', ')}}`;
}

/** `[Sigra] security.rate_limited {count: 1} {ip: "1.2.3.4", key_prefix: "sigra", retry_after: 30}` */
export function formatText(
  eventName: EventName,
  measurements: Measurements,
  metadata: Metadata,
): string {
  return `[Sigra] ${eventLabel(eventName)} ${printCompact(toLogSafe(measurements))} ${printCompact(toLogSafe(metadata))}`;
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
