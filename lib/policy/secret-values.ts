/**
 * One cheap scan that rules out almost every ordinary string before the precise patterns run.
 * Every pattern below starts with one of these markers.
 */
const MAYBE_SECRET = /bearer|basic|eyJ|\$(?:argon2|2[abxy]\$|scrypt\$)|pbkdf2|-----BEGIN|@/i;

const BEARER = /\bBearer\s+([\w.~+/-]+=*)/gi;
const BASIC = /\bBasic\s+([A-Za-z0-9+/]+={0,2})/gi;
const JWT = /(?<![\w-])eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/;
const PASSWORD_HASH =
  /\$argon2(?:id|i|d)\$|\$2[abxy]\$\d\d\$[./A-Za-z0-9]{22}|\$scrypt\$|pbkdf2(?:[-_]sha\d+)?\$\d+\$/i;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
// A whole string that is an address, and only that: an address inside an error message or a stack
// trace is left alone, because redacting it would destroy the diagnostic, and `name@host` inside a
// longer text is as often a package (`react@18.2.0`) or an SSH remote. The last label must be
// letters so versions (`pkg@1.2.3`) are not addresses.
const EMAIL_ADDRESS = /^[\w.!#$%&'*+/=?^`{|}~-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}$/;
const NOT_PRINTABLE = /[^\x20-\x7e]/;

/** A bearer credential looks random: a digit or symbol, or too long to be a word. */
function isBearerCredential(credential: string): boolean {
  return credential.length >= 8 && (/[\d.~+/=_-]/.test(credential) || credential.length >= 20);
}

/** `Basic` credentials are base64 of `user:password`: printable text with a colon. */
function isBasicCredential(credential: string): boolean {
  const decoded = Buffer.from(credential, 'base64').toString('latin1');
  return decoded.includes(':') && !NOT_PRINTABLE.test(decoded);
}

function hasCredential(
  text: string,
  pattern: RegExp,
  isCredential: (credential: string) => boolean,
): boolean {
  for (const match of text.matchAll(pattern)) if (isCredential(match[1]!)) return true;
  return false;
}

/**
 * A scan of char codes that rules out most ordinary strings faster than any regular expression
 * call: every secret shape below needs an `@`, a `$`, white space (`Bearer x`, `Basic x`, PEM
 * headers) or `eyJ` (a JWT). Non-ASCII characters are left to the patterns (Unicode spaces).
 */
function mayHoldSecret(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x40 || code === 0x24 || code <= 0x20 || code > 0x7e) return true;
    if (code === 0x65 && value.charCodeAt(i + 1) === 0x79 && value.charCodeAt(i + 2) === 0x4a) {
      return true;
    }
  }
  return false;
}

/**
 * Why a string is unmistakably a secret whatever its key, or `undefined`. Bearer and Basic
 * credentials, JWTs, password hashes and private keys are found anywhere in the string (a header
 * dump, a URL); an e-mail address only as the whole string.
 */
export function secretValueReason(value: string): string | undefined {
  if (!mayHoldSecret(value) || !MAYBE_SECRET.test(value)) return undefined;
  if (hasCredential(value, BEARER, isBearerCredential)) return 'the value holds a bearer token';
  if (hasCredential(value, BASIC, isBasicCredential)) {
    return 'the value holds Basic credentials (user:password)';
  }
  if (JWT.test(value)) return 'the value holds a JWT';
  if (PASSWORD_HASH.test(value)) return 'the value holds a password hash';
  if (PRIVATE_KEY.test(value)) return 'the value holds a PEM private key';
  if (EMAIL_ADDRESS.test(value))
    return 'the value is an e-mail address (identify users by user_id)';
  return undefined;
}
