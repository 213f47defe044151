import type { Metadata } from '../shared/telemetry.types.js';
import { createKeyVerdicts } from './key-verdicts.function.js';
import { REDACTED } from '../shared/metadata-markers.constants.js';
import { MetadataPolicyError } from './metadata-policy.errors.js';
import { resolveMetadataPolicyOptions } from './metadata-policy.options-validation.js';
import type { MetadataPolicyOptions, MetadataSanitizer } from './metadata-policy.types.js';
import {
  boundedString,
  PolicyViolation,
  sanitizeMetadata,
  type WalkRules,
} from './metadata-walk.function.js';
import { redactSecretsInText } from './secret-values.rules.js';

function toPolicyError(violation: PolicyViolation): MetadataPolicyError {
  const path = `metadata${violation.segments.toReversed().join('')}`;
  const fix =
    violation.key === undefined
      ? 'Remove it from the metadata.'
      : `Remove it from the metadata, or add ${JSON.stringify(violation.key)} to allowKeys if it really carries no secret.`;
  return new MetadataPolicyError(path, violation.reason, fix);
}

/**
 * Builds the sanitizer the core applies to each emission's metadata and measurements before any
 * handler runs, and (through its `text`) to the core's own reports.
 *
 * Redacted, at any depth: keys whose words name a secret, in any case and style, abbreviations
 * included (`password`, `pw`, `PIN`, `passwordHash`, `client-secret`, `X-Api-Key`, `privKey`,
 * `refreshToken`, `csrf`, `nonce`, `connect.sid`, `session_id`, `TOTP_CODE`, `backupCodes`,
 * `inviteCode`, `magic_link`, `securityAnswer`, `ssn`, `cookie`, `email` ...); the OAuth `code`
 * and `state` unless their value reads as a constant; values holding a credential format
 * anywhere (Bearer / Basic, JWTs, password hashes, PEM private keys, AWS / GitHub / Stripe keys,
 * URLs with a password or a secret parameter, `password=…` pairs, e-mail addresses); random
 * tokens and one-time codes under keys not known to be safe; keys that are themselves a secret.
 * The catalog's documented keys (`user_id`, `token_id`, `key_prefix`, `geo_country_code`,
 * `email_type` ...) and descriptive keys (`*_id`, `*_at`, `*_count`) pass.
 *
 * Returns a fresh copy holding exactly what was checked. Walks plain objects, arrays, Maps, Sets,
 * class instances and errors (which stay errors, with only the secrets cut out of their message
 * and stack); passes dates, regular expressions, binary data, functions and promises on as they
 * are. Cycles, throwing getters and oversized input become markers ({@link CIRCULAR},
 * {@link UNREADABLE}, {@link TRUNCATED}); the walk stops at the entry and depth limits.
 *
 * @example
 * const sanitize = createMetadataPolicy();
 * sanitize({ user_id: 42, password: 'hunter2' }); // { user_id: 42, password: '[REDACTED]' }
 *
 * const strict = createMetadataPolicy({ mode: 'strict', allowKeys: ['session_id'] });
 * strict({ user: { password: 'x' } }); // throws MetadataPolicyError at metadata.user.password
 * @throws {TypeError} when an option is invalid.
 * @publicApi
 */
export function createMetadataPolicy(options?: MetadataPolicyOptions): MetadataSanitizer {
  const { mode, denyKeys, allowKeys } = resolveMetadataPolicyOptions(options);
  if (mode === 'off') return Object.assign((metadata: Metadata) => metadata, { text: keepText });
  const rules: WalkRules = {
    verdict: createKeyVerdicts(denyKeys, allowKeys),
    strict: mode === 'strict',
  };
  const sanitize = (metadata: Metadata): Metadata => {
    try {
      return sanitizeMetadata(metadata, rules) as Metadata;
    } catch (error) {
      throw error instanceof PolicyViolation ? toPolicyError(error) : error;
    }
  };
  return Object.assign(sanitize, { text: redactText });
}

function keepText(text: string): string {
  return text;
}

function redactText(text: string): string {
  return redactSecretsInText(boundedString(text), REDACTED);
}
