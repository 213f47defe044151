import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { Metadata } from '../shared/telemetry.types.js';

/** Semantic-convention names for the catalog's identifying keys. */
const DEFAULT_NAMES: ReadonlyMap<string, string> = new Map([
  ['user_id', 'user.id'],
  ['ip', 'client.address'],
]);

/** Keys that are not attributes: the span's own bookkeeping and what `recordException` takes. */
export const NOT_ATTRIBUTES: ReadonlySet<string> = new Set(['telemetry_span_context']);
export const EXCEPTION_KEYS: ReadonlySet<string> = new Set(['kind', 'reason', 'stacktrace']);

/** The attribute name of a metadata key, or `false` when the key is left out. */
export type AttributeNamer = (key: string) => string | false;

// Keys recur (every span of a name has the same few): their names are cached, bounded like the
// policy's key verdicts, so that no `sigra.<key>` string is built per span.
const NAME_CACHE_ENTRIES = 1024;

/**
 * Names metadata keys as attributes: `user_id` → `user.id`, `ip` → `client.address`, every
 * other key → `sigra.<key>`, renamed or left out by `names`; the span's own bookkeeping left out.
 */
export function attributeNamer(names: Readonly<Record<string, string | false>>): AttributeNamer {
  const cache = new Map<string, string | false>();
  return (key) => {
    let name = cache.get(key);
    if (name === undefined) {
      if (NOT_ATTRIBUTES.has(key)) name = false;
      else if (Object.hasOwn(names, key)) name = names[key] ?? false;
      else name = DEFAULT_NAMES.get(key) ?? `sigra.${key}`;
      if (cache.size >= NAME_CACHE_ENTRIES) cache.clear();
      cache.set(key, name);
    }
    return name;
  };
}

/**
 * Span attributes from policy-applied metadata, named by `nameOf`. Values become what an
 * attribute can hold: primitives as they are, arrays of one primitive type, anything else JSON.
 * Keys whose value is the same in `known` (the start metadata, already set) are left out.
 */
export function metadataAttributes(
  metadata: Metadata,
  nameOf: AttributeNamer,
  skip: ReadonlySet<string>,
  known?: Metadata,
): Attributes {
  const attributes: Attributes = {};
  for (const key of Object.keys(metadata)) {
    if (skip.has(key)) continue;
    if (known !== undefined && Object.hasOwn(known, key) && known[key] === metadata[key]) continue;
    const name = nameOf(key);
    if (name === false) continue;
    const value = attributeValue(metadata[key]);
    if (value !== undefined) attributes[name] = value;
  }
  return attributes;
}

function attributeValue(value: unknown): AttributeValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return String(value);
    case 'object':
      if (value === null) return undefined;
      if (value instanceof Date)
        return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
      if (Array.isArray(value) && isUniformPrimitiveArray(value)) return value as AttributeValue;
      return json(value);
    default:
      return undefined;
  }
}

function isUniformPrimitiveArray(values: readonly unknown[]): boolean {
  const type = typeof values[0];
  if (type !== 'string' && type !== 'number' && type !== 'boolean') return values.length === 0;
  return values.every((item) => typeof item === type);
}

/** Metadata is policy-applied already; a value JSON cannot render is left out. */
function json(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
