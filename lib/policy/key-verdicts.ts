import { normalizeKeyName } from './key-name.js';
import { secretKeyReason } from './secret-keys.js';

/** What the policy makes of a key name. */
export type KeyVerdict =
  | { readonly kind: 'neutral' }
  | { readonly kind: 'allowed' }
  | { readonly kind: 'forbidden'; readonly reason: string };

const NEUTRAL: KeyVerdict = { kind: 'neutral' };
const ALLOWED: KeyVerdict = { kind: 'allowed' };
const DENIED: KeyVerdict = { kind: 'forbidden', reason: 'the key is listed in denyKeys' };

// Keys can come from a request (headers, query parameters), so the cache is bounded both in
// entries and in key length; when full it is cleared, which keeps memory flat under a flood of
// fresh names and refills with the few names real events repeat.
const CACHE_ENTRIES = 1024;
const CACHE_KEY_LENGTH = 128;

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
    const name = normalizeKeyName(key);
    if (allowKeys.has(name)) return ALLOWED;
    if (denyKeys.has(name)) return DENIED;
    const reason = secretKeyReason(key);
    return reason === undefined ? NEUTRAL : { kind: 'forbidden', reason };
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
