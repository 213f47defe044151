import { createHash, randomBytes } from 'node:crypto';

/** A random bearer token: 32 bytes from the CSPRNG, base64url, optionally prefixed (`sgr_…`). */
export function randomToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * The SHA-256 of a token, hex: what the app stores instead of the token. Tokens have 256 bits of
 * entropy, so a fast unsalted hash is enough (unlike passwords), and lookups stay O(1).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
