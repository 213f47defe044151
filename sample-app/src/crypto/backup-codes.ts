import { randomBytes } from 'node:crypto';
import { base32Encode } from './base32.js';

/** How many backup codes a user holds after (re)generating them. */
export const BACKUP_CODE_COUNT = 10;

/** A backup code as shown: 16 base32 characters (80 bits) in groups of 4, `abcd-efgh-ijkl-mnop`. */
export const BACKUP_CODE_PATTERN = /^[a-z2-7]{4}(-?[a-z2-7]{4}){3}$/i;

/**
 * Fresh single-use backup codes. At 80 random bits each, a SHA-256 of the code is safe to store
 * (as for tokens), and checking one costs no slow hash.
 */
export function generateBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () =>
    base32Encode(randomBytes(10))
      .toLowerCase()
      .replace(/(.{4})(?!$)/g, '$1-'),
  );
}

/** A backup code as typed, in the one form that is hashed: lower case, no dashes. */
export function normaliseBackupCode(code: string): string {
  return code.replaceAll('-', '').toLowerCase();
}
