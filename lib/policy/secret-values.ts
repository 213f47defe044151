import { isCodeLikeName, secretKeyReason } from './secret-keys.js';

/** A credential format that can be found anywhere in a string (a header dump, a URL, a message). */
interface Detector {
  readonly reason: string;
  /** Global, with indices: every match is a candidate, and text redaction cuts out the group. */
  readonly pattern: RegExp;
  /** Which capture group is the secret (0: the whole match). */
  readonly group: number;
  /** Rules out a candidate the pattern alone cannot. */
  readonly accept?: (match: RegExpMatchArray) => boolean;
}

const NOT_PRINTABLE = /[^\x20-\x7e]/;
// Prose after the scheme name (`Bearer token missing`): anything else after it is a credential,
// however short.
const BEARER_PROSE: ReadonlySet<string> = new Set([
  'auth',
  'authentication',
  'authorization',
  'header',
  'missing',
  'required',
  'scheme',
  'token',
  'tokens',
  'invalid',
  'expired',
]);

/** `Basic` credentials are base64 of `user:password`: printable text with a colon. */
function isBasicCredential(credential: string): boolean {
  const decoded = Buffer.from(credential, 'base64').toString('latin1');
  return decoded.includes(':') && !NOT_PRINTABLE.test(decoded);
}

/** A JWT's first segment is base64url JSON: `{"alg"…`, `{ "alg"…`, `{\n  "alg"…`. */
function isJwtHeader(segment: string): boolean {
  const decoded = Buffer.from(segment, 'base64url').toString('latin1');
  return /^\{\s*"/.test(decoded);
}

/**
 * Whether a `name=value` or `name: value` pair in text names a secret: a secret key name
 * (`password=…`, `?token=…`, `"api_key": "…"`) or an OAuth `code` / `state` whose value is not a
 * symbolic constant (`code: ECONNRESET` and `status code: 404` stay).
 */
function isSecretPair(match: RegExpMatchArray): boolean {
  const name = match[1]!;
  const value = match[2]!;
  if (!/[A-Za-z0-9]/.test(value)) return false;
  if (secretKeyReason(name) !== undefined) return true;
  return isCodeLikeName(name) && !isSymbolicValue(value);
}

const SYMBOLIC = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|[a-z]{1,14}(?:[_-][a-z]{1,14})*|\d{1,5})$/;

/**
 * A value that reads as a constant rather than a secret: an error code (`ECONNRESET`,
 * `ERR_INVALID_ARG`), a word or two (`pending`, `access_denied`), a status (`404`).
 */
export function isSymbolicValue(value: string): boolean {
  return value.length <= 40 && SYMBOLIC.test(value);
}

const DETECTORS: readonly Detector[] = [
  {
    reason: 'the value holds a bearer token',
    pattern: /\bBearer\s+([\w.~+/-]+=*)/dgi,
    group: 1,
    accept: (match) => !BEARER_PROSE.has(match[1]!.toLowerCase()),
  },
  {
    reason: 'the value holds Basic credentials (user:password)',
    pattern: /\bBasic\s+([A-Za-z0-9+/]+={0,2})/dgi,
    group: 1,
    accept: (match) => isBasicCredential(match[1]!),
  },
  {
    reason: 'the value holds a JWT',
    pattern: /(?<![\w-])(e[wy][\w-]{2,})\.[\w-]{2,}\.[\w-]*/dg,
    group: 0,
    accept: (match) => isJwtHeader(match[1]!),
  },
  {
    reason: 'the value holds a password hash',
    pattern:
      /\$argon2(?:id|i|d)\$\S*|\$2[abxy]\$\d\d\$[./A-Za-z0-9]{22}\S*|\$?scrypt\$\S+|pbkdf2(?:[-_]sha\d+)?\$\d+\$\S*/dgi,
    group: 0,
  },
  {
    reason: 'the value holds a PEM private key',
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[^-]*/dg,
    group: 0,
  },
  {
    reason: 'the value holds a cloud or platform API credential',
    pattern:
      /(?<![A-Za-z0-9])(?:(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|[rs]k_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{8,}|xox[abprs]-[\w-]{8,}|AIza[\w-]{30,}|glpat-[\w-]{16,}|npm_[A-Za-z0-9]{30,})/dg,
    group: 0,
  },
  {
    reason: 'the value holds a URL with credentials',
    pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#@]+)@/dgi,
    group: 1,
  },
  {
    reason: 'the value holds a secret parameter (name=value)',
    // The value is matched by a lookahead: it may itself start the next pair (`Error: token=…`).
    // A value starting with `[` is a marker (`[REDACTED]`), not a secret.
    pattern: /(?<![\w.-])([A-Za-z_][\w.-]{0,63})["']?\s*[:=]\s*["']?(?=([^\s"'&#,;})\][][^\s"'&#,;})\]]*))/dg,
    group: 2,
    accept: isSecretPair,
  },
  {
    reason: 'the value holds an e-mail address (identify users by user_id)',
    pattern:
      /(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])/dg,
    group: 0,
  },
];

/**
 * One cheap scan that rules out most ordinary strings before the patterns run: every format above
 * needs one of `@ $ = : _ -` , white space, a non-ASCII character, or `ey`/`ew` (a JWT), or
 * upper-case letters (`AKIA…`).
 */
function mayHoldSecret(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code > 0x7e) return true;
    switch (code) {
      case 0x40: // @
      case 0x24: // $
      case 0x3d: // =
      case 0x3a: // :
      case 0x5f: // _
      case 0x2d: // -
        return true;
      case 0x65: {
        const next = value.charCodeAt(i + 1);
        if (next === 0x79 || next === 0x77) return true; // ey, ew
        break;
      }
      case 0x41: // A: AKIA…, AIza…
        return true;
    }
  }
  return false;
}

function findDetected(value: string): string | undefined {
  for (const detector of DETECTORS) {
    for (const match of value.matchAll(detector.pattern)) {
      if (detector.accept === undefined || detector.accept(match)) return detector.reason;
    }
  }
  return undefined;
}

/** Strings a person rarely types: long, no spaces, classes of characters alternating often. */
const TOKEN_CHARS = /^[\w.~+/=-]{16,2048}$/;
const MIN_TOKEN_ALPHANUMERICS = 14;
const MIN_CLASS_SWITCHES = 0.3;
/** One-time codes: 6 to 8 digits, maybe split in two (`123 456`, `123-456`). */
const ONE_TIME_CODE = /^(?:\d{6,8}|\d{3}[ -]\d{3})$/;

function charClass(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return 1;
  if (code >= 0x41 && code <= 0x5a) return 2;
  if (code >= 0x30 && code <= 0x39) return 3;
  return 0;
}

/**
 * A random token: at least 16 token characters, of at least two classes (lower, upper, digit),
 * switching class on at least 30% of its letters and digits. Words, identifiers, paths, dates and
 * versions switch rarely (`SigraTelemetryModule`, `/api/v1/users/42`, `2024-01-01T00:00:00Z`);
 * a random base64 or hex string switches on about half.
 */
export function isTokenLike(value: string): boolean {
  if (!TOKEN_CHARS.test(value)) return false;
  let alphanumerics = 0;
  let switches = 0;
  let previous = 0;
  let classes = 0;
  for (let i = 0; i < value.length; i++) {
    const kind = charClass(value.charCodeAt(i));
    if (kind === 0) continue;
    alphanumerics++;
    classes |= 1 << kind;
    if (previous !== 0 && kind !== previous) switches++;
    previous = kind;
  }
  const classCount = ((classes >> 1) & 1) + ((classes >> 2) & 1) + ((classes >> 3) & 1);
  return (
    alphanumerics >= MIN_TOKEN_ALPHANUMERICS &&
    classCount >= 2 &&
    switches >= MIN_CLASS_SWITCHES * alphanumerics
  );
}

/**
 * Why a string is unmistakably a secret whatever its key, or `undefined`: credentials in known
 * formats (Bearer / Basic, JWTs, password hashes, PEM private keys, AWS / GitHub / Stripe / Slack
 * / Google keys), URLs with a password, `name=value` pairs naming a secret (`?token=…`,
 * `password: …`), and e-mail addresses, anywhere in the string.
 */
export function secretValueReason(value: string): string | undefined {
  if (!mayHoldSecret(value)) return undefined;
  return findDetected(value);
}

/**
 * Why a string is a secret under a key not known to be safe: any {@link secretValueReason}, and
 * also a random-looking token or a one-time code (`483920`), which a known-safe key such as
 * `token_id` or `user_id` may carry as an identifier.
 */
export function secretUnderNeutralKeyReason(value: string): string | undefined {
  const reason = secretValueReason(value);
  if (reason !== undefined) return reason;
  if (value.length < 7) return undefined;
  if (ONE_TIME_CODE.test(value)) return 'the value looks like a one-time code';
  if (value.length >= 16 && isTokenLike(value)) return 'the value looks like a random token';
  return undefined;
}

/**
 * Free text with every secret found by the detectors replaced with `[REDACTED]`: what the core
 * reports about a failure keeps its diagnostic value. Text is matched by patterns only, so a
 * secret in no known format (`the password was hunter2`) is not found.
 */
export function redactSecretsInText(text: string, replacement: string): string {
  if (!mayHoldSecret(text)) return text;
  const ranges: [number, number][] = [];
  for (const detector of DETECTORS) {
    for (const match of text.matchAll(detector.pattern)) {
      if (detector.accept !== undefined && !detector.accept(match)) continue;
      const range = match.indices?.[detector.group];
      if (range !== undefined) ranges.push(range);
    }
  }
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let result = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    result += text.slice(at, Math.max(at, start)) + (start >= at ? replacement : '');
    at = end;
  }
  return result + text.slice(at);
}
