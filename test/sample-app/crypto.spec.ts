import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../sample-app/src/crypto/base32.js';
import {
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../sample-app/src/crypto/password-hash.js';
import { hashToken, randomToken } from '../../sample-app/src/crypto/random-token.js';
import { generateTotpSecret, matchTotp, totp, totpStep } from '../../sample-app/src/crypto/totp.js';

// RFC 6238, appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238, HMAC-SHA1)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ])('at T=%i s gives the RFC test vector %s (8 digits)', (seconds, expected) => {
    expect(totp(RFC_SECRET, seconds * 1000, { digits: 8 })).toBe(expected);
  });

  it('gives 6 digits by default: the last 6 of the 8-digit code', () => {
    expect(totp(RFC_SECRET, 59_000)).toBe('287082');
  });

  it('accepts the previous, current and next step, and returns the step it matched', () => {
    const secret = generateTotpSecret();
    const now = 1_700_000_000_000;
    for (const offset of [-1, 0, 1]) {
      const code = totp(secret, now + offset * 30_000);
      expect(matchTotp(secret, code, now)).toBe(totpStep(now) + offset);
    }
  });

  it('refuses codes two steps away, and wrong or malformed codes', () => {
    const secret = generateTotpSecret();
    const now = 1_700_000_000_000;
    expect(matchTotp(secret, totp(secret, now + 60_000), now)).toBeUndefined();
    expect(matchTotp(secret, totp(secret, now - 60_000), now)).toBeUndefined();
    const wrong = String((Number(totp(secret, now)) + 1) % 1_000_000).padStart(6, '0');
    expect(matchTotp(secret, wrong, now)).toBeUndefined();
    expect(matchTotp(secret, '12345', now)).toBeUndefined();
  });

  it('makes 160-bit base32 secrets', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });
});

describe('base32 (RFC 4648)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %j and back', (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it('decodes lower case, spaces and padding, and refuses other characters', () => {
    expect(base32Decode('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(() => base32Decode('MZ1W')).toThrow(TypeError);
  });
});

describe('scrypt password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$3\$[\w+/=]+\$[\w+/=]+$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stable', stored)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('verifies hashes made with older parameters and says they need re-hashing', async () => {
    const old = await hashPassword('correct horse', { N: 16_384, r: 8, p: 1 });
    expect(old).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('correct horse'))).toBe(false);
  });
});

describe('random tokens', () => {
  it('are 256-bit, base64url, prefixed, distinct, and hash to SHA-256 hex', () => {
    const token = randomToken('sgr_');
    expect(token).toMatch(/^sgr_[\w-]{43}$/);
    expect(randomToken()).not.toBe(randomToken());
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
  });
});
