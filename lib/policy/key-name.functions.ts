/** One word: an upper-case run (an acronym), a capitalised or lower-case word, or digits. */
const WORD = /\p{Lu}+(?!\p{Ll})|\p{Lu}?[\p{Ll}\p{N}]+|\p{N}+/gu;
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;

/**
 * The name a key is compared by in `denyKeys` / `allowKeys`: lower case, letters and digits only,
 * so every spelling style of one name (`clientSecret`, `client_secret`, `Client-Secret`) is equal.
 */
export function normalizeKeyName(key: string): string {
  return key.replace(NOT_ALPHANUMERIC, '').toLowerCase();
}

/**
 * Splits a key into lower-case words across styles: `X-Api-Key` → `x api key`, `passwordHash` →
 * `password hash`, `TOTP_CODE` → `totp code`, `APIKey` → `api key`. `e`+`mail` is one word.
 */
export function keyWords(key: string): string[] {
  const words = key.match(WORD) ?? [];
  const result: string[] = [];
  for (const word of words) {
    const lower = word.toLowerCase();
    if (lower === 'mail' && result.at(-1) === 'e') result[result.length - 1] = 'email';
    else result.push(lower);
  }
  return result;
}
