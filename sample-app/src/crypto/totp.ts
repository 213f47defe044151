import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.js';

/** Seconds per TOTP step (RFC 6238's default, what authenticator apps use). */
export const TOTP_STEP_SECONDS = 30;

/** Options of `totp`. */
export interface TotpOptions {
  /** Code length; 6 for authenticator apps, 8 in RFC 6238's test vectors. */
  digits?: number;
}

/** The TOTP step (RFC 6238's `T`) that contains `timeMs`. */
export function totpStep(timeMs: number): number {
  return Math.floor(timeMs / 1000 / TOTP_STEP_SECONDS);
}

/** RFC 4226 HOTP with HMAC-SHA1: the code of counter `step` for the raw secret `key`. */
export function hotp(key: Uint8Array, step: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s steps) of a base32 secret at `timeMs`. */
export function totp(secret: string, timeMs: number, options: TotpOptions = {}): string {
  return hotp(base32Decode(secret), totpStep(timeMs), options.digits);
}

/**
 * Checks `code` against the steps around `timeMs` (±1 step, for clock drift) and returns the
 * matching step, so that the caller can refuse a code that was already used; `undefined` if none
 * matches. Every candidate is compared in constant time.
 */
export function matchTotp(secret: string, code: string, timeMs: number): number | undefined {
  const key = base32Decode(secret);
  const given = Buffer.from(code);
  const current = totpStep(timeMs);
  let matched: number | undefined;
  for (const step of [current - 1, current, current + 1]) {
    const expected = Buffer.from(hotp(key, step));
    if (expected.length === given.length && timingSafeEqual(expected, given)) matched ??= step;
  }
  return matched;
}

/** A fresh 160-bit TOTP secret in base32, the size RFC 4226 recommends for HMAC-SHA1. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}
