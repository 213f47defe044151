import type { Metadata } from '../core/telemetry.types.js';
import { createKeyVerdicts } from './key-verdicts.js';
import { REDACTED } from './metadata-policy.constants.js';
import { MetadataPolicyError } from './metadata-policy.errors.js';
import { resolveMetadataPolicyOptions } from './metadata-policy.options.js';
import type { MetadataPolicyOptions, MetadataSanitizer } from './metadata-policy.types.js';
import {
  boundedString,
  PolicyViolation,
  sanitizeMetadata,
  type WalkRules,
} from './metadata-walk.js';
import { redactSecretsInText } from './secret-values.js';

function toPolicyError(violation: PolicyViolation): MetadataPolicyError {
  const path = `metadata${violation.segments.toReversed().join('')}`;
  const fix =
    violation.key === undefined
      ? 'Remove it from the metadata.'
      : `Remove it from the metadata, or add ${JSON.stringify(violation.key)} to allowKeys if it really carries no secret.`;
  return new MetadataPolicyError(path, violation.reason, fix);
}

/**
 * Builds the sanitizer the core applies to each emission's metadata before any handler runs.
 *
 * Refused, at any depth and in any spelling (`password`, `passwordHash`, `hashed_password`,
 * `client-secret`, `X-Api-Key`, `refreshToken`, `TOTP_CODE`, `backupCodes`, `Authorization`,
 * `Set-Cookie`, `session_id`, `userEmail` ...): passwords and their hashes, one-time / TOTP /
 * backup / recovery codes, tokens, authorization headers and cookies, API and private keys,
 * secrets and credentials, session ids and e-mail addresses. Refused whatever the key: strings
 * holding `Bearer` / `Basic` credentials, JWTs, password hashes (argon2, bcrypt, scrypt, pbkdf2),
 * PEM private keys, and strings that are exactly an e-mail address. Sigra's own keys (`user_id`,
 * `token_id`, `family_id`, `key_prefix`, `geo_country_code`, `email_type` ...) pass.
 *
 * Walks plain objects, arrays, Maps, Sets, class instances and errors; leaves dates, regular
 * expressions, binary data, functions and promises alone. Cycles, throwing getters and oversized
 * input become markers ({@link CIRCULAR}, {@link UNREADABLE}, {@link TRUNCATED}) in the copy.
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
