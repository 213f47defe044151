import type { Metadata } from '../shared/telemetry.types.js';

/**
 * What the policy does with a forbidden key or a secret-shaped value:
 * - `'redact'` (default): replace the value with {@link REDACTED}, keep the key;
 * - `'strict'`: throw a {@link MetadataPolicyError} naming the path (for tests and development);
 * - `'off'`: hand the metadata over untouched.
 * @publicApi
 */
export type MetadataPolicyMode = 'redact' | 'strict' | 'off';

/**
 * Options of {@link createMetadataPolicy}. Key names are compared after normalization: letters
 * lower-cased, everything but letters and digits dropped, so `'X-Api-Key'`, `'x_api_key'` and
 * `'xApiKey'` are the same name.
 *
 * @example
 * { mode: 'strict', denyKeys: ['ssn'], allowKeys: ['session_id'] }
 * @publicApi
 */
export interface MetadataPolicyOptions {
  /** Defaults to `'redact'`. */
  mode?: MetadataPolicyMode;
  /** Extra key names to treat as secrets, at any depth. */
  denyKeys?: readonly string[];
  /**
   * Key names that carry no secret: exempt from the built-in and the `denyKeys` name rules, and
   * their own string value is not checked for secret shapes. Nested values are still checked.
   */
  allowKeys?: readonly string[];
}

/**
 * Applies the policy to one emission's metadata (or measurements) and returns a sanitized copy,
 * always a fresh one: what the policy checked is what consumers get, whatever a getter or a proxy
 * in the input would answer on a second read. Never mutates its input.
 *
 * `text` applies the policy's value patterns to free text (a core report's message, a thrown
 * value's message or stack), replacing each secret found with {@link REDACTED}; it never throws,
 * in any mode, and `'off'` returns the text as it is.
 *
 * @example
 * const sanitize = createMetadataPolicy();
 * sanitize({ user_id: 42, password: 'hunter2' }); // { user_id: 42, password: '[REDACTED]' }
 * sanitize.text('verify failed: password=hunter2'); // 'verify failed: password=[REDACTED]'
 * @publicApi
 */
export interface MetadataSanitizer {
  (metadata: Metadata): Metadata;
  readonly text: (text: string) => string;
}
