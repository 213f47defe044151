import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters, as recorded in every hash. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * One of the scrypt settings OWASP's Password Storage Cheat Sheet lists as equivalent to its
 * N=2^17, r=8, p=1: the same work for 32 MiB of memory per hash instead of 128 MiB, so that a
 * burst of logins cannot exhaust the server's memory.
 */
export const SCRYPT_PARAMS: ScryptParams = { N: 32_768, r: 8, p: 3 };

const KEY_LENGTH = 64;
const SALT_BYTES = 16;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // Room for the largest N·r in use (scrypt needs 128·N·r bytes), above Node's 32 MiB default.
  const maxmem = 256 * params.N * params.r;
  return new Promise((resolve, reject) => {
    // NFKC: a password typed with composed or decomposed accents is the same password.
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...params, maxmem }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}

/** The parameters recorded in `stored`, or `undefined` when it is not an scrypt hash of ours. */
function paramsOf(stored: string): ScryptParams | undefined {
  const [prefix, N, r, p] = stored.split('$');
  if (prefix !== PREFIX) return undefined;
  return { N: Number(N), r: Number(r), p: Number(p) };
}

/**
 * Hashes a password (NFKC-normalised) with scrypt and a fresh random salt. The result records
 * its parameters, so that they can be raised later without breaking stored hashes:
 * `scrypt$32768$8$3$<salt base64>$<key base64>`.
 */
export async function hashPassword(password: string, params = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  const { N, r, p } = params;
  return [PREFIX, N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored` (from `hashPassword`); compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = paramsOf(stored);
  const [, , , , salt, key] = stored.split('$');
  if (params === undefined || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when `stored` was made with other parameters than today's: re-hash it at next login. */
export function needsRehash(stored: string): boolean {
  const params = paramsOf(stored);
  return (
    params === undefined ||
    params.N !== SCRYPT_PARAMS.N ||
    params.r !== SCRYPT_PARAMS.r ||
    params.p !== SCRYPT_PARAMS.p
  );
}
