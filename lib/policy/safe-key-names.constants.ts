import { CATALOG } from '../catalog/catalog.data.js';
import { normalizeKeyName } from './key-name.functions.js';

/**
 * Keys the core itself adds: span context and failure fields, span measurements. Not
 * `stacktrace`: free text that quotes the thrown message.
 */
const CORE_KEYS = [
  'telemetry_span_context',
  'kind',
  'reason',
  'event_name',
  'handler_id',
  'handler_config',
  'monotonic_time',
  'system_time',
  'duration',
];

function catalogKeys(): string[] {
  return CATALOG.flatMap((entry) =>
    entry.kind === 'span'
      ? [...entry.start, ...entry.stop]
      : [...entry.measurements, ...entry.metadata],
  ).map((spec) => spec.replace(/\?$/, ''));
}

/**
 * Every metadata and measurement key the catalog documents, and those the core adds, normalized:
 * their values are identifiers, outcomes, counts and durations, never suspected of being a random
 * token or a one-time code (a `user_id` may well be a UUID). Secret formats are still looked for.
 */
export const SAFE_KEY_NAMES: ReadonlySet<string> = new Set(
  [...CORE_KEYS, ...catalogKeys()].map(normalizeKeyName),
);
