import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { Metadata } from '../shared/telemetry.types.js';

/** Semantic-convention names for the catalog's identifying keys. */
const DEFAULT_NAMES: Readonly<Record<string, string>> = Object.freeze({
  user_id: 'user.id',
  ip: 'client.address',
});

/** Keys that are not attributes: the span's own bookkeeping and what `recordException` takes. */
export const NOT_ATTRIBUTES: ReadonlySet<string> = new Set(['telemetry_span_context']);
export const EXCEPTION_KEYS: ReadonlySet<string> = new Set(['kind', 'reason', 'stacktrace']);

/**
 * Span attributes from policy-applied metadata: `user_id` → `user.id`, `ip` → `client.address`,
 * every other key → `sigra.<key>`, renamed or left out by `names`. Values become what an
 * attribute can hold: primitives as they are, arrays of one primitive type, anything else JSON.
 * Keys whose value is the same in `known` (the start metadata, already set) are left out.
 */
export function metadataAttributes(
  metadata: Metadata,
  names: Readonly<Record<string, string | false>>,
  skip: ReadonlySet<string>,
  known?: Metadata,
): Attributes {
  const attributes: Attributes = {};
  for (const key of Object.keys(metadata)) {
    if (NOT_ATTRIBUTES.has(key) || skip.has(key)) continue;
    if (known !== undefined && Object.hasOwn(known, key) && known[key] === metadata[key]) continue;
    const name = Object.hasOwn(names, key) ? names[key] : (DEFAULT_NAMES[key] ?? `sigra.${key}`);
    if (name === false || name === undefined) continue;
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
