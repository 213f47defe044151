import { keyWords, normalizeKeyName } from './key-name.functions.js';

const PASSWORD = 'the key names a password, PIN or password hash';
const CODE = 'the key names a one-time, TOTP, backup, recovery or invitation code';
const TOKEN = 'the key names a token (bearer, access, refresh, id, session, CSRF token or nonce)';
const HEADER = 'the key names an authorization header or a cookie';
const KEY = 'the key names an API key or a private key';
const SECRET = 'the key names a secret, credentials or a security answer';
const EMAIL = 'the key names an e-mail address (identify users by user_id)';
const PERSONAL = 'the key names a government or payment identifier';
// OWASP's Logging Cheat Sheet lists session identifiers among the data never to log: in many
// stacks (PHPSESSID, JSESSIONID, express-session's store key) the id is the bearer of the session.
const SESSION_ID = 'the key names a session id, which is the session credential in many systems';

/**
 * Abbreviations and variants, read as the word they stand for: the rules below are written once,
 * for the canonical word.
 */
const CANONICAL: ReadonlyMap<string, string> = new Map([
  ['pw', 'password'],
  ['pwd', 'password'],
  ['pass', 'password'],
  ['passwd', 'password'],
  ['passw', 'password'],
  ['pword', 'password'],
  ['passphrase', 'password'],
  ['passcode', 'password'],
  ['pin', 'password'],
  ['tok', 'token'],
  ['tkn', 'token'],
  ['jwt', 'token'],
  ['bearer', 'token'],
  ['csrf', 'token'],
  ['xsrf', 'token'],
  ['nonce', 'token'],
  ['otp', 'onetimecode'],
  ['totp', 'onetimecode'],
  ['hotp', 'onetimecode'],
  ['cred', 'credential'],
  ['creds', 'credential'],
  ['priv', 'private'],
  ['privkey', 'privatekey'],
  ['sid', 'sessionid'],
  ['sessid', 'sessionid'],
  ['sessionid', 'sessionid'],
  ['ssn', 'ssn'],
  ['authz', 'authorization'],
]);

/** Words that are a secret on their own (after {@link CANONICAL}). */
const SECRET_WORDS: ReadonlyMap<string, string> = new Map([
  ['password', PASSWORD],
  ['onetimecode', CODE],
  ['token', TOKEN],
  ['authorization', HEADER],
  ['cookie', HEADER],
  ['apikey', KEY],
  ['privatekey', KEY],
  ['secret', SECRET],
  ['credential', SECRET],
  ['email', EMAIL],
  ['sessionid', SESSION_ID],
  ['ssn', PERSONAL],
]);

/**
 * Words that are a secret only after a qualifier: `api_key` but not Sigra's `key_prefix` or the
 * rate-limit `key`; `backup_code` but not `status_code`; `magic_link` but not `link`.
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
          'license',
          'secret',
          'shared',
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
          'verify',
          'mfa',
          '2fa',
          'twofa',
          'sms',
          'auth',
          'authorization',
          'oauth',
          'security',
          'confirmation',
          'confirm',
          'reset',
          'login',
          'invite',
          'invitation',
          'access',
          'activation',
          'unlock',
          'magic',
          'device',
          'pairing',
          'one',
          'time',
          'onetime',
        ]),
        reason: CODE,
      },
    ],
    [
      'link',
      {
        qualifiers: new Set([
          'magic',
          'reset',
          'login',
          'invite',
          'invitation',
          'verification',
          'confirmation',
          'activation',
          'signin',
          'in',
        ]),
        reason: TOKEN,
      },
    ],
    [
      'answer',
      { qualifiers: new Set(['security', 'secret', 'recovery', 'challenge']), reason: SECRET },
    ],
    ['phrase', { qualifiers: new Set(['seed', 'recovery', 'mnemonic']), reason: SECRET }],
    ['number', { qualifiers: new Set(['card', 'ssn', 'social', 'security']), reason: PERSONAL }],
    ['verifier', { qualifiers: new Set(['code', 'pkce']), reason: CODE }],
    ['header', { qualifiers: new Set(['auth']), reason: HEADER }],
    ['id', { qualifiers: new Set(['session']), reason: SESSION_ID }],
  ]);

/**
 * Stems looked for in the whole name, letters and digits only, when no word of it is a secret:
 * glued and oddly cased spellings (`PASSWORDHASH`, `xapikey`, `JSESSIONID`, `PaSsWoRd`,
 * `mysecurityanswer`) that do not split into words. Only stems long enough not to hide inside
 * ordinary words.
 */
const STEMS: readonly (readonly [string, string])[] = [
  ['password', PASSWORD],
  ['passwd', PASSWORD],
  ['passphrase', PASSWORD],
  ['passcode', PASSWORD],
  ['totp', CODE],
  ['backupcode', CODE],
  ['recoverycode', CODE],
  ['invitecode', CODE],
  ['oauthcode', CODE],
  ['authcode', CODE],
  ['verificationcode', CODE],
  ['token', TOKEN],
  ['bearer', TOKEN],
  ['csrf', TOKEN],
  ['xsrf', TOKEN],
  ['nonce', TOKEN],
  ['magiclink', TOKEN],
  ['authorization', HEADER],
  ['cookie', HEADER],
  ['apikey', KEY],
  ['privatekey', KEY],
  ['privkey', KEY],
  ['secret', SECRET],
  ['credential', SECRET],
  ['securityanswer', SECRET],
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
  'expires',
  'expiry',
  'ttl',
  'age',
  'changed',
  'updated',
  'created',
  'sent',
  'used',
  'valid',
  'present',
  'name',
  'version',
  'format',
  'source',
  'field',
  'policy',
  'strength',
  'error',
  'provider',
  'algorithm',
  'scheme',
  'ms',
  'before',
  'after',
  'remaining',
]);

/** Names whose value is a secret unless it reads as a constant: the OAuth `code` and `state`. */
const CODE_LIKE: ReadonlySet<string> = new Set(['code', 'state']);
/** Qualifiers that make a `…_code` / `…_state` a plain value: `status_code`, `geo_country_code`. */
const PLAIN_CODE_QUALIFIERS: ReadonlySet<string> = new Set([
  'status',
  'error',
  'err',
  'exit',
  'http',
  'response',
  'country',
  'region',
  'zip',
  'postal',
  'currency',
  'language',
  'lang',
  'locale',
  'color',
  'iso',
  'area',
  'phone',
  'dial',
  'return',
  'reason',
  'result',
  'app',
  'ui',
  'machine',
  'job',
]);

function isRuleWord(word: string): boolean {
  return (
    CANONICAL.has(word) ||
    SECRET_WORDS.has(word) ||
    QUALIFIED_WORDS.has(word) ||
    CODE_LIKE.has(word)
  );
}

/** The word a rule is written for: abbreviations expanded, plurals of rule words singular. */
function canonical(word: string): string {
  const singular = !isRuleWord(word) && word.endsWith('s') ? word.slice(0, -1) : word;
  return CANONICAL.get(singular) ?? (isRuleWord(singular) ? singular : word);
}

function isDescriptor(word: string): boolean {
  return DESCRIPTORS.has(word) || (word.endsWith('s') && DESCRIPTORS.has(word.slice(0, -1)));
}

function secretWordReason(words: readonly string[], index: number): string | undefined {
  const word = words[index]!;
  const direct = SECRET_WORDS.get(word);
  if (direct !== undefined) return direct;
  const qualified = QUALIFIED_WORDS.get(word);
  if (qualified !== undefined && index > 0 && qualified.qualifiers.has(words[index - 1]!)) {
    return qualified.reason;
  }
  // Two words that glue into a secret word: `api key`, `private key`, `session id`, `e mail`.
  return index > 0 ? SECRET_WORDS.get(words[index - 1]! + word) : undefined;
}

/** The canonical words of a key name: `X-Api-Key` → `x api key`, `pwHash` → `password hash`. */
function canonicalWords(key: string): string[] {
  return keyWords(key).map(canonical);
}

/**
 * Why a key name is a built-in secret name, or `undefined` when it is not. A key is a secret when
 * one of its words is (abbreviations read as the word they stand for), unless a descriptor word
 * follows the last secret word; when none of its words is, when its whole name contains a
 * secret stem.
 */
export function secretKeyReason(key: string): string | undefined {
  const words = canonicalWords(key);
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

/**
 * Whether a key is an OAuth-style `code` or `state` (`code`, `auth_state`, `codes`): its value is
 * a secret unless it reads as a constant (`ECONNRESET`, `pending`). `status_code`,
 * `geo_country_code` and `state_type` are not.
 */
export function isCodeLikeName(key: string): boolean {
  const words = canonicalWords(key);
  const last = words.at(-1);
  if (last === undefined || !CODE_LIKE.has(last)) return false;
  const qualifier = words.at(-2);
  return qualifier === undefined || !PLAIN_CODE_QUALIFIERS.has(qualifier);
}

/**
 * Whether a key describes something rather than holding a secret, so that its value is not
 * suspected of being a random token or a one-time code: ids and other descriptors (`user_id`,
 * `token_type`, `retry_after`, `duration_ms`), and the given catalogued names.
 */
export function isKnownSafeName(key: string, safeNames: ReadonlySet<string>): boolean {
  if (safeNames.has(normalizeKeyName(key))) return true;
  const last = keyWords(key).at(-1);
  return last !== undefined && isDescriptor(last.toLowerCase());
}
