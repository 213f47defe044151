import type { EventName, Measurements, Metadata } from '../core/index.js';
import { defineValue, isIdentifierKey } from '../shared/property-keys.functions.js';
import { TRUNCATED } from '../shared/metadata-markers.constants.js';
import { walkMarker } from '../shared/walk-marker.function.js';

/** The structured record the default logger hands to Nest's `Logger` with `encode: 'json'`. @publicApi */
export interface SigraLogRecord {
  source: 'sigra';
  /** The event name without its leading `sigra`, dotted: `auth.login.stop`. */
  event: string;
  /**
   * What pino and `ConsoleLogger({ json: true })` show as the message:
   * `[Sigra] auth.login.stop 1.763 ms`.
   */
  msg: string;
  /** A span's `duration` in milliseconds (present on `stop` and `exception` events). */
  duration_ms?: number;
  /** Every measurement, clock readings included (integer nanoseconds). */
  measurements: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** Present, `true`, when the record was cut to the size limits (see `'[Truncated]'`). */
  truncated?: true;
}

/**
 * Containers nested deeper than this are summarised: log lines stay bounded whatever the metadata
 * holds.
 */
const MAX_DEPTH = 4;
/** A text line longer than this is cut, ending with `TRUNCATED_LINE`. */
export const MAX_LINE_LENGTH = 8192;
/** A string value longer than this is cut, its marker saying how much is left out. */
const MAX_STRING_LENGTH = 1024;
/** A JSON record holds at most this many values; the rest are left out, with a marker. */
const MAX_JSON_VALUES = 1000;
const TRUNCATED_LINE = ' …[truncated]';
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
  return escapeBreaks(JSON.stringify(text));
}

/**
 * `\\u2028` for each character that JSON leaves as it is but a log viewer may take for a line
 * break or a terminal control (C1, U+2028, U+2029).
 */
function escapeBreaks(text: string): string {
  return text.replace(
    JSON_UNESCAPED_BREAKS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A string cut to `MAX_STRING_LENGTH`, saying how many characters were left out. */
function capped(text: string): string {
  return text.length <= MAX_STRING_LENGTH
    ? text
    : `${text.slice(0, MAX_STRING_LENGTH)}…[${text.length - MAX_STRING_LENGTH} more characters]`;
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
  // A Buffer would otherwise print one field per byte.
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return `[${value.constructor.name} of ${value.byteLength} bytes]`;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return CONTAINER;
}

/**
 * Calls `visit` with each own enumerable entry of an object, or each entry of a Map with its key
 * as a string, until `visit` returns `false`. A callback, not a generator: this runs for every
 * logged event, and a generator with its `[key, value]` pairs costs more than the line itself.
 */
function eachField(value: object, visit: (key: string, inner: unknown) => boolean): void {
  if (value instanceof Map) {
    for (const [key, inner] of value) if (!visit(String(key), inner)) return;
    return;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && !visit(key, (value as Record<string, unknown>)[key])) return;
  }
}

/**
 * One walk over an event's values. `left` is what the output may still take (values for JSON,
 * characters for text): the walk stops there, so the work per event is bounded by the limits,
 * not by the input.
 */
interface Walk {
  readonly ancestors: object[];
  left: number;
  truncated: boolean;
}

/** Takes one unit of the budget; `false` (and the walk marked truncated) when none is left. */
function take(walk: Walk, cost: number): boolean {
  if (walk.left <= 0) {
    walk.truncated = true;
    return false;
  }
  walk.left -= cost;
  return true;
}

/**
 * A JSON-safe copy for `encode: 'json'`: leaves as `leafValue` makes them, Maps objects, Sets
 * arrays, cycles, over-deep values and what is past the budget markers. Strings are cut to
 * `MAX_STRING_LENGTH` and the line breaks JSON keeps raw are escaped, in keys too.
 */
function toLogSafe(value: unknown, depth: number, walk: Walk): unknown {
  const leaf = leafValue(value);
  if (typeof leaf === 'string') return escapeBreaks(capped(leaf));
  if (leaf !== CONTAINER)
    return leaf === null || typeof leaf !== 'object' ? leaf : toLogSafe(leaf, depth, walk);
  const object = value as object;
  const marker = walkMarker(object, depth, MAX_DEPTH, walk.ancestors);
  if (marker !== undefined) return marker;
  walk.ancestors.push(object);
  try {
    if (Array.isArray(object) || object instanceof Set) {
      const copy: unknown[] = [];
      for (const inner of object as Iterable<unknown>) {
        if (!take(walk, 1)) {
          copy.push(TRUNCATED);
          break;
        }
        copy.push(toLogSafe(inner, depth + 1, walk));
      }
      return copy;
    }
    const copy: Record<string, unknown> = {};
    eachField(object, (key, inner) => {
      const ok = take(walk, 1);
      defineValue(
        copy,
        ok ? escapeBreaks(capped(key)) : '…',
        ok ? toLogSafe(inner, depth + 1, walk) : TRUNCATED,
      );
      return ok;
    });
    return copy;
  } finally {
    walk.ancestors.pop();
  }
}

/**
 * Sigra's text shape, with bare identifier keys and JSON-escaped strings:
 * `{user_id: 1, ip: "1.2.3.4"}`. Renders the values themselves, with no intermediate copy: this
 * runs for every logged event. Stops with `…` once the line's budget is spent. Fields named in
 * `leave` are left out (given for the top level only, whose keys are always strings).
 */
function printCompact(
  value: unknown,
  depth: number,
  walk: Walk,
  leave?: ReadonlySet<string>,
): string {
  const leaf = leafValue(value);
  if (leaf !== CONTAINER) {
    if (leaf !== null && typeof leaf === 'object') return printCompact(leaf, depth, walk);
    const text = typeof leaf === 'string' ? quote(capped(leaf)) : String(leaf);
    walk.left -= text.length;
    return text;
  }
  const object = value as object;
  const marker = walkMarker(object, depth, MAX_DEPTH, walk.ancestors);
  if (marker !== undefined) return quote(marker);
  walk.ancestors.push(object);
  walk.left -= 2; // the brackets
  try {
    let out = '';
    if (Array.isArray(object) || object instanceof Set) {
      for (const inner of object as Iterable<unknown>) {
        const separator = out === '' ? '' : ', ';
        if (!take(walk, separator.length)) {
          out += `${separator}…`;
          break;
        }
        out += separator + printCompact(inner, depth + 1, walk);
      }
      return `[${out}]`;
    }
    eachField(object, (key, inner) => {
      if (leave?.has(key)) return true;
      const separator = out === '' ? '' : ', ';
      if (!take(walk, separator.length)) {
        out += `${separator}…`;
        return false;
      }
      const name = keyText(capped(key));
      walk.left -= name.length;
      out += separator + name + printCompact(inner, depth + 1, walk);
      return true;
    });
    return `{${out}}`;
  } finally {
    walk.ancestors.pop();
  }
}

const keyTexts = new Map<string, string>();
/** Keys recur in every event; bounded, since metadata keys may come from a request. */
const MAX_KEY_TEXTS = 512;

/** `user_id: ` for an identifier key, `"odd key": ` for any other. */
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${isIdentifierKey(key) ? key : quote(key)}: `;
    if (keyTexts.size >= MAX_KEY_TEXTS) keyTexts.clear();
    keyTexts.set(key, text);
  }
  return text;
}

/** Measurements that mean nothing to a reader of a text line: clock readings. */
const CLOCK_KEYS: ReadonlySet<string> = new Set(['duration', 'monotonic_time']);

/** A span's duration as milliseconds with three decimals, if the event has one. */
function durationMs(measurements: Measurements): number | undefined {
  const duration = measurements.duration;
  return typeof duration === 'number' ? Math.round(duration / 1e3) / 1e3 : undefined;
}

/** `[Sigra] auth.login.stop` and, for a span's end, its duration: `1.763 ms`. */
function headline(eventName: EventName, ms: number | undefined): string {
  return ms === undefined
    ? `[Sigra] ${eventLabel(eventName)}`
    : `[Sigra] ${eventLabel(eventName)} ${ms} ms`;
}

/** Whether `record` has an own key that is not in `leave`. */
function hasOtherKeys(record: Record<string, unknown>, leave: ReadonlySet<string>): boolean {
  for (const key in record) if (Object.hasOwn(record, key) && !leave.has(key)) return true;
  return false;
}

const SPAN_CONTEXT: ReadonlySet<string> = new Set(['telemetry_span_context']);

function newWalk(left: number): Walk {
  return { ancestors: [], left, truncated: false };
}

/**
 * A line for a person, Sigra's shape with the clock internals left out:
 * `[Sigra] auth.login.stop 1.763 ms {user_id: 1, result: "failure", status: 401}` for a span's
 * end, `[Sigra] security.rate_limited {count: 1} {ip: "1.2.3.4", key_prefix: "sigra", retry_after: 30}`
 * for a signal. At most `MAX_LINE_LENGTH` characters, then `…[truncated]`; no character in it
 * can start a new line.
 */
export function formatText(
  eventName: EventName,
  measurements: Measurements,
  metadata: Metadata,
): string {
  const ms = durationMs(measurements);
  let line = headline(eventName, ms);
  // Room for the separators and a last `, …` besides what the walk counts.
  const walk = newWalk(MAX_LINE_LENGTH - line.length - 8);
  // The keys left out are skipped while printing: a copy without them cost more than the line.
  if (ms === undefined || hasOtherKeys(measurements, CLOCK_KEYS)) {
    line += ` ${printCompact(measurements, 0, walk, CLOCK_KEYS)}`;
  }
  line += ` ${printCompact(metadata, 0, walk, SPAN_CONTEXT)}`;
  return line.length > MAX_LINE_LENGTH || walk.truncated
    ? line.slice(0, MAX_LINE_LENGTH) + TRUNCATED_LINE
    : line;
}

/**
 * The structured record for `encode: 'json'`: every measurement and metadata key, plus `msg`
 * and `duration_ms`. At most `MAX_JSON_VALUES` values, strings cut to `MAX_STRING_LENGTH`.
 */
export function formatJson(
  eventName: EventName,
  measurements: Measurements,
  metadata: Metadata,
): SigraLogRecord {
  const ms = durationMs(measurements);
  const walk = newWalk(MAX_JSON_VALUES);
  const record: SigraLogRecord = {
    source: 'sigra',
    event: eventLabel(eventName),
    msg: headline(eventName, ms),
    measurements: toLogSafe(measurements, 0, walk) as Record<string, unknown>,
    metadata: toLogSafe(metadata, 0, walk) as Record<string, unknown>,
  };
  if (ms !== undefined) record.duration_ms = ms;
  if (walk.truncated) record.truncated = true;
  return record;
}
