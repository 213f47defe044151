import { normalizeKeyName } from './key-name.functions.js';
import { SAFE_KEY_NAMES } from './safe-key-names.constants.js';
import { isCodeLikeName, isKnownSafeName, secretKeyReason } from './secret-keys.rules.js';
import { secretUnderNeutralKeyReason } from './secret-values.rules.js';

/**
 * What the policy makes of a key name:
 * - `neutral`: its value is checked for every secret shape, random tokens and one-time codes too;
 * - `safe`: a documented or descriptive key (`user_id`, `token_type`), checked for credential
 *   formats only;
 * - `allowed`: listed in `allowKeys`, its own string value is not checked;
 * - `code`: an OAuth `code` / `state`, a secret unless its value reads as a constant;
 * - `forbidden`: its value is a secret, whatever it is;
 * - `secret-name`: the key itself is a secret (`{ 'alice@example.com': 3 }`).
 */
export type KeyVerdict =
  | { readonly kind: 'neutral' | 'safe' | 'allowed' | 'code' }
  | { readonly kind: 'forbidden' | 'secret-name'; readonly reason: string };

const NEUTRAL: KeyVerdict = { kind: 'neutral' };
const SAFE: KeyVerdict = { kind: 'safe' };
const ALLOWED: KeyVerdict = { kind: 'allowed' };
const CODE: KeyVerdict = { kind: 'code' };
const DENIED: KeyVerdict = { kind: 'forbidden', reason: 'the key is listed in denyKeys' };

// Keys can come from a request (headers, query parameters), so the cache is bounded both in
// entries and in key length; when full it is cleared, which keeps memory flat under a flood of
// fresh names and refills with the few names real events repeat.
const CACHE_ENTRIES = 1024;
const CACHE_KEY_LENGTH = 128;

/**
 * Why a key is itself a secret: a credential, an e-mail address, a random token or a one-time
 * code used as a name. A six-to-eight-digit key is taken for a code, even where it is an id.
 */
function secretNameReason(key: string): string | undefined {
  const reason = secretUnderNeutralKeyReason(key);
  return reason?.replace(/^the value/, 'the key itself');
}

/**
 * Returns a function that classifies key names under the given `allowKeys` / `denyKeys`
 * (already normalized), with a bounded cache: the same few names recur in every emission.
 */
export function createKeyVerdicts(
  denyKeys: ReadonlySet<string>,
  allowKeys: ReadonlySet<string>,
): (key: string) => KeyVerdict {
  const cache = new Map<string, KeyVerdict>();
  const decide = (key: string): KeyVerdict => {
    const secretName = secretNameReason(key);
    if (secretName !== undefined) return { kind: 'secret-name', reason: secretName };
    const name = normalizeKeyName(key);
    if (allowKeys.has(name)) return ALLOWED;
    if (denyKeys.has(name)) return DENIED;
    const reason = secretKeyReason(key);
    if (reason !== undefined) return { kind: 'forbidden', reason };
    if (isCodeLikeName(key)) return CODE;
    return isKnownSafeName(key, SAFE_KEY_NAMES) ? SAFE : NEUTRAL;
  };
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const verdict = decide(key);
    if (key.length <= CACHE_KEY_LENGTH) {
      if (cache.size >= CACHE_ENTRIES) cache.clear();
      cache.set(key, verdict);
    }
    return verdict;
  };
}
