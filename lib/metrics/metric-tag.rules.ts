import { getMetadataPolicy } from '../core/index.js';
import { createMetadataPolicy, MetadataPolicyError } from '../policy/index.js';

/** Identity keys whose values are unbounded (one series per user, address or span). */
const UNBOUNDED_KEYS: ReadonlySet<string> = new Set([
  'id',
  'user_id',
  'ip',
  'ip_address',
  'client_ip',
  'email',
  'telemetry_span_context',
]);

/** `'userId'`, `'User-Id'`, `'user_id'` → `'user_id'`. */
function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

/**
 * Why a tag would give one time series per user, address, token or span, or `undefined` when
 * its values are bounded.
 */
export function unboundedTagReason(tag: string): string | undefined {
  const key = snakeCase(tag);
  if (UNBOUNDED_KEYS.has(key)) return `${JSON.stringify(tag)} identifies a user, address or span`;
  if (key.endsWith('_id')) return `${JSON.stringify(tag)} ends in _id, so it names one record`;
  if (key.endsWith('_token')) return `${JSON.stringify(tag)} ends in _token, so it names one token`;
  return undefined;
}

/**
 * Why the metadata policy in force forbids a tag key, or `undefined` when it passes. Asks the
 * policy itself (in strict mode, with the user's `denyKeys` and `allowKeys`) so a label can never
 * carry what no handler may see.
 */
export function forbiddenTagReason(tag: string): string | undefined {
  const strict = createMetadataPolicy({ ...getMetadataPolicy(), mode: 'strict' });
  try {
    strict({ [tag]: 'value' });
    return undefined;
  } catch (error) {
    if (error instanceof MetadataPolicyError) return error.reason;
    throw error;
  }
}
