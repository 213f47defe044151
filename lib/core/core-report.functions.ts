import { inspect } from 'node:util';
import { registry } from './registry.state.js';
import { UNREADABLE } from '../shared/metadata-markers.constants.js';

// Every character a log viewer may take for the end of a line or a terminal command.
// oxlint-disable-next-line no-control-regex -- matching them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/;
const STACK_FRAME = /^ {4}at /;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text with no character left that could end a log line or drive a terminal: `\n`, `\u001b`. */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    UNSAFE,
    (char) => NAMED_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A stack with its frames still one per line, and everything else (the message, which the stack
 * quotes, and any line break in it) escaped: a thrown message cannot forge a log line.
 */
function escapeStack(stack: string): string {
  const lines = stack.split(LINE_BREAK);
  let result = escapeControlCharacters(lines[0]!);
  for (let i = 1; i < lines.length; i++) {
    const line = escapeControlCharacters(lines[i]!);
    result += STACK_FRAME.test(line) ? `\n${line}` : `\\n${line}`;
  }
  return result;
}

function escapeField(target: Record<string, unknown>, key: string): void {
  const value = target[key];
  if (typeof value !== 'string') return;
  const escaped = key === 'stack' ? escapeStack(value) : escapeControlCharacters(value);
  Object.defineProperty(target, key, { value: escaped, writable: true, configurable: true });
}

/**
 * Escapes, in place, every string of a sanitized copy (a fresh object the walk made, bounded in
 * size): own properties of objects, arrays and errors, enumerable or not.
 */
function escapeCopy(value: unknown, seen: Set<object>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  if (!Array.isArray(value) && !(value instanceof Error)) {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null && !isClassCopy(value)) return;
  }
  seen.add(value);
  const target = value as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(target)) {
    escapeField(target, key);
    escapeCopy(target[key], seen);
  }
}

/** Class instances the walk copied are plain data holders; Maps, Sets, dates are not walked. */
function isClassCopy(value: object): boolean {
  return !(value instanceof Map || value instanceof Set || ArrayBuffer.isView(value));
}

/**
 * The thrown value as the core logger gets it: through the metadata policy (in strict mode, the
 * refusal itself, which names the path but never the value), then escaped. Errors stay errors,
 * so loggers print their stack; any other value becomes a one-line description.
 */
function reportedValue(error: unknown): unknown {
  let sanitized: unknown;
  try {
    sanitized = registry.sanitize({ thrown: error }).thrown;
  } catch (refused) {
    sanitized = registry.sanitize({ thrown: refused }).thrown;
  }
  if (sanitized instanceof Error) {
    escapeCopy(sanitized, new Set());
    return sanitized;
  }
  if (typeof sanitized === 'string') return escapeControlCharacters(sanitized);
  return escapeControlCharacters(inspect(sanitized, { depth: 4, breakLength: Infinity }));
}

/**
 * A report's text as it may be logged: through the policy's text patterns (it may quote a thrown
 * message, a URL with credentials) and escaped, so it can neither leak a secret nor forge a line.
 */
export function reportedText(message: string): string {
  return escapeControlCharacters(registry.sanitize.text(message));
}

/**
 * The arguments a core report hands to the core logger: the message through the policy's text
 * patterns (it quotes handler ids, event names and thrown messages) and escaped, and the thrown
 * value sanitized and escaped (see {@link reportedValue}).
 */
export function coreReportArguments(message: string, error: unknown): [string, unknown] {
  const text = reportedText(message);
  try {
    return [text, reportedValue(error)];
  } catch {
    // A value whose sanitized copy still cannot be described (a strict policy refusing its own
    // refusal): the message alone still says what happened.
    return [text, UNREADABLE];
  }
}
