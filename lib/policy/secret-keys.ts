import { keyWords, normalizeKeyName } from './key-name.js';

const PASSWORD = 'the key names a password or password hash';
const CODE = 'the key names a one-time, TOTP, backup or recovery code';
const TOKEN = 'the key names a token (bearer, access, refresh, id or session token)';
const HEADER = 'the key names an authorization header or a cookie';
const KEY = 'the key names an API key or a private key';
const SECRET = 'the key names a secret or credentials';
const EMAIL = 'the key names an e-mail address (identify users by user_id)';
// OWASP's Logging Cheat Sheet lists session identifiers among the data never to log: in many
// stacks (PHPSESSID, JSESSIONID, express-session's store key) the id is the bearer of the session.
const SESSION_ID = 'the key names a session id, which is the session credential in many systems';

/** Words that are a secret on their own (`password`, `Password`, `hashed_password` ...). */
const SECRET_WORDS: ReadonlyMap<string, string> = new Map([
  ['password', PASSWORD],
  ['passwd', PASSWORD],
  ['pwd', PASSWORD],
  ['passphrase', PASSWORD],
  ['passcode', CODE],
  ['otp', CODE],
  ['totp', CODE],
  ['hotp', CODE],
  ['token', TOKEN],
  ['jwt', TOKEN],
  ['bearer', TOKEN],
  ['authorization', HEADER],
  ['cookie', HEADER],
  ['apikey', KEY],
  ['privatekey', KEY],
  ['secret', SECRET],
  ['credential', SECRET],
  ['creds', SECRET],
  ['email', EMAIL],
]);

/**
 * Words that are a secret only after a qualifier: `api_key` but not Sigra's `key_prefix` or the
 * rate-limit `key`; `backup_code` but not `status_code`, `error_code`, `geo_country_code`. A bare
 * `code` is left alone because Node errors carry `code: 'ECONNRESET'`.
 */
const QUALIFIED_WORDS: ReadonlyMap<string, { qualifiers: ReadonlySet<string>; reason: string }> =
  new Map([
    [
      'key',
      {
        qualifiers: new Set([
          'api',
          'private',
          'access',
          'signing',
          'encryption',
          'master',
          'client',
          'hmac',
          'ssh',
          'session',
          'recovery',
        ]),
        reason: KEY,
      },
    ],
    [
      'code',
      {
        qualifiers: new Set([
          'backup',
          'recovery',
          'verification',
          'mfa',
          '2fa',
          'twofa',
          'sms',
          'auth',
          'security',
          'confirmation',
          'reset',
          'login',
        ]),
        reason: CODE,
      },
    ],
    ['verifier', { qualifiers: new Set(['code', 'pkce']), reason: CODE }],
    ['header', { qualifiers: new Set(['auth']), reason: HEADER }],
    ['id', { qualifiers: new Set(['session']), reason: SESSION_ID }],
  ]);

/**
 * Stems looked for in the whole name, letters and digits only, when no word of it is a secret:
 * this catches glued and oddly cased spellings (`PASSWORDHASH`, `xapikey`, `JSESSIONID`,
 * `PaSsWoRd`) that do not split into words.
 */
const STEMS: readonly (readonly [string, string])[] = [
  ['password', PASSWORD],
  ['passwd', PASSWORD],
  ['passphrase', PASSWORD],
  ['totp', CODE],
  ['backupcode', CODE],
  ['recoverycode', CODE],
  ['token', TOKEN],
  ['bearer', TOKEN],
  ['authorization', HEADER],
  ['cookie', HEADER],
  ['apikey', KEY],
  ['privatekey', KEY],
  ['secret', SECRET],
  ['credential', SECRET],
  ['email', EMAIL],
  ['sessionid', SESSION_ID],
  ['sessid', SESSION_ID],
];

/**
 * Words that, after the secret word, make the key describe the secret rather than hold it:
 * `token_id`, `token_type`, `email_type`, `key_prefix`, `password_changed_at`, `totp_enabled`.
 */
const DESCRIPTORS: ReadonlySet<string> = new Set([
  'id',
  'type',
  'kind',
  'prefix',
  'count',
  'at',
  'method',
  'length',
  'status',
  'enabled',
  'verified',
  'confirmed',
  'required',
  'expired',
]);

/** Looks a word up as written, then without a plural `s` (`backupCodes`, `cookies`). */
function lookup<T>(map: ReadonlyMap<string, T>, word: string): T | undefined {
  return map.get(word) ?? (word.endsWith('s') ? map.get(word.slice(0, -1)) : undefined);
}

function isDescriptor(word: string): boolean {
  return DESCRIPTORS.has(word) || (word.endsWith('s') && DESCRIPTORS.has(word.slice(0, -1)));
}

function secretWordReason(words: readonly string[], index: number): string | undefined {
  const word = words[index]!;
  const direct = lookup(SECRET_WORDS, word);
  if (direct !== undefined) return direct;
  const qualified = lookup(QUALIFIED_WORDS, word);
  if (qualified !== undefined) {
    return index > 0 && qualified.qualifiers.has(words[index - 1]!) ? qualified.reason : undefined;
  }
  return undefined;
}

/**
 * Why a key name is a built-in secret name, or `undefined` when it is not. A key is a secret when
 * one of its words is, unless a descriptor word follows the last secret word; when none of its
 * words is, when its whole name contains a secret stem.
 */
export function secretKeyReason(key: string): string | undefined {
  const words = keyWords(key);
  let reason: string | undefined;
  let hasSecretWord = false;
  for (let i = 0; i < words.length; i++) {
    const found = secretWordReason(words, i);
    if (found !== undefined) {
      reason = found;
      hasSecretWord = true;
    } else if (reason !== undefined && isDescriptor(words[i]!)) reason = undefined;
  }
  if (hasSecretWord) return reason;
  const name = normalizeKeyName(key);
  return STEMS.find(([stem]) => name.includes(stem))?.[1];
}
