import { isCodeLikeName, secretKeyReason } from './secret-keys.rules.js';

/** A credential format that can be found anywhere in a string (a header dump, a URL, a message). */
interface Detector {
  readonly reason: string;
  /** Global, with indices: every match is a candidate, and text redaction cuts out the group. */
  readonly pattern: RegExp;
  /** The same pattern without indices, for detection (indices cost an allocation per match). */
  readonly detect: RegExp;
  /** Which capture group is the secret (0: the whole match). */
  readonly group: number;
  /** A cheap test the text must pass before the pattern runs (a character it needs). */
  readonly needs?: (text: string) => boolean;
  /** Rules out a candidate the pattern alone cannot. */
  readonly accept?: (match: RegExpMatchArray) => boolean;
}

const NOT_PRINTABLE = /[^\x20-\x7e]/;
const API_KEY_PREFIX =
  /AKIA|ASIA|ABIA|ACCA|AROA|AIDA|gh[pousr]_|github_pat_|[rs]k_|whsec_|xox|AIza|glpat-|npm_/;
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
  const kind = pairNameKind(name);
  return kind === 'secret' || (kind === 'code' && !isSymbolicValue(value));
}

// Names in text recur (`ip:`, `Error:`): their verdicts are cached, bounded like key verdicts.
const PAIR_NAMES = new Map<string, 'secret' | 'code' | 'plain'>();
const PAIR_NAME_ENTRIES = 1024;

function pairNameKind(name: string): 'secret' | 'code' | 'plain' {
  let kind = PAIR_NAMES.get(name);
  if (kind === undefined) {
    kind = secretKeyReason(name) !== undefined ? 'secret' : isCodeLikeName(name) ? 'code' : 'plain';
    if (PAIR_NAMES.size >= PAIR_NAME_ENTRIES) PAIR_NAMES.clear();
    PAIR_NAMES.set(name, kind);
  }
  return kind;
}

const SYMBOLIC = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|[a-z]{1,14}(?:[_-][a-z]{1,14})*|\d{1,5})$/;

/**
 * A value that reads as a constant rather than a secret: an error code (`ECONNRESET`,
 * `ERR_INVALID_ARG`), a word or two (`pending`, `access_denied`), a status (`404`).
 */
export function isSymbolicValue(value: string): boolean {
  return value.length <= 40 && SYMBOLIC.test(value);
}

function withDetect(spec: Omit<Detector, 'detect'>): Detector {
  const { source, flags } = spec.pattern;
  return { ...spec, detect: new RegExp(source, flags.replace('d', '')) };
}

const DETECTORS: readonly Detector[] = (
  [
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
      needs: (text) => text.includes('.'),
      pattern: /(?<![\w-])(e[wy][\w-]{2,})\.[\w-]{2,}\.[\w-]*/dg,
      group: 0,
      accept: (match) => isJwtHeader(match[1]!),
    },
    {
      reason: 'the value holds a password hash',
      needs: (text) => text.includes('$'),
      pattern:
        /\$argon2(?:id|i|d)\$\S*|\$2[abxy]\$\d\d\$[./A-Za-z0-9]{22}\S*|\$?scrypt\$\S+|pbkdf2(?:[-_]sha\d+)?\$\d+\$\S*/dgi,
      group: 0,
    },
    {
      reason: 'the value holds a PEM private key',
      needs: (text) => text.includes('-----'),
      pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[^-]*/dg,
      group: 0,
    },
    {
      reason: 'the value holds a cloud or platform API credential',
      needs: (text) => API_KEY_PREFIX.test(text),
      pattern:
        /(?<![A-Za-z0-9])(?:(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|[rs]k_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{8,}|xox[abprs]-[\w-]{8,}|AIza[\w-]{30,}|glpat-[\w-]{16,}|npm_[A-Za-z0-9]{30,})/dg,
      group: 0,
    },
    {
      reason: 'the value holds a URL with credentials',
      needs: (text) => text.includes('://'),
      pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#@]+)@/dgi,
      group: 1,
    },
    {
      reason: 'the value holds a secret parameter (name=value)',
      needs: (text) => text.includes('=') || text.includes(':'),
      // The value is matched by a lookahead: it may itself start the next pair (`Error: token=…`).
      // A value starting with `[` is a marker (`[REDACTED]`), not a secret.
      pattern:
        /(?<![\w.-])([A-Za-z_][\w.-]{0,63})["']?\s*[:=]\s*["']?(?=([^\s"'&#,;})\][][^\s"'&#,;})\]]*))/dg,
      group: 2,
      accept: isSecretPair,
    },
    {
      reason: 'the value holds an e-mail address (identify users by user_id)',
      needs: (text) => text.includes('@'),
      pattern:
        /(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])/dg,
      group: 0,
    },
  ] satisfies Omit<Detector, 'detect'>[]
).map(withDetect);

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

/**
 * Whether a detector finds an accepted match, by `exec` on a pattern without match indices:
 * `matchAll` clones the regular expression on each call, which costs more than the match.
 */
function detects(detector: Detector, text: string): boolean {
  if (detector.needs !== undefined && !detector.needs(text)) return false;
  const pattern = detector.detect;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (detector.accept === undefined || detector.accept(match)) return true;
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return false;
}

function findDetected(
  value: string,
  detectors: readonly Detector[] = DETECTORS,
): string | undefined {
  for (const detector of detectors) if (detects(detector, value)) return detector.reason;
  return undefined;
}

/** Strings a person rarely types: long, no spaces, classes of characters alternating often. */
const TOKEN_CHARS = /^[\w.~+/=-]{16,2048}$/;
const MIN_RUNS_PER_CHARACTER = 0.3;
const MIN_TOKEN_ALPHANUMERICS = 16;
/** Random letters are about 19% vowels; words and identifiers about 35-40%. */
const MAX_RANDOM_VOWEL_SHARE = 0.25;
const VOWEL = /[aeiouAEIOU]/g;
const LETTER = /[A-Za-z]/g;

function vowelShare(value: string): number {
  const letters = value.match(LETTER)?.length ?? 0;
  return letters === 0 ? 0 : (value.match(VOWEL)?.length ?? 0) / letters;
}
/** One-time codes: 6 to 8 digits, maybe split in two (`123 456`, `123-456`). */
const ONE_TIME_CODE = /^(?:\d{6,8}|\d{3}[ -]\d{3})$/;

const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

function charClass(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return LOWER;
  if (code >= 0x41 && code <= 0x5a) return UPPER;
  if (code >= 0x30 && code <= 0x39) return DIGIT;
  return 0;
}

const HEX_TOKEN = /^(?=.*\d)(?=.*[a-f])[0-9a-f]{16,}$/i;
const EDGE_PUNCTUATION = /^[.~+/=-]+|[.~+/=-]+$/g;

/**
 * Runs of one character class (lower, upper, digit) per letter or digit, where a capital and the
 * lower-case letters after it are one run (a word: `Backup`, `My`, the `Response` of `HTTPResponse`).
 * Identifiers, words, paths and dates score about 0.05 to 0.25; random base64 about 0.5.
 */
function classRunsPerCharacter(value: string): {
  ratio: number;
  classes: number;
  alphanumerics: number;
} {
  const kinds: number[] = [];
  const lengths: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const kind = charClass(value.charCodeAt(i));
    if (kind === 0) continue;
    if (kinds.at(-1) === kind) lengths[lengths.length - 1]!++;
    else {
      kinds.push(kind);
      lengths.push(1);
    }
  }
  let runs = 0;
  let alphanumerics = 0;
  let classes = 0;
  for (let i = 0; i < kinds.length; i++) {
    alphanumerics += lengths[i]!;
    classes |= 1 << kinds[i]!;
    // A capital followed by lower-case letters starts a word: one run, not two.
    if (kinds[i] === UPPER && kinds[i + 1] === LOWER) {
      runs += lengths[i] === 1 ? 1 : 2;
      alphanumerics += lengths[i + 1]!;
      classes |= 1 << LOWER;
      i++;
    } else {
      runs++;
    }
  }
  const classCount = ((classes >> LOWER) & 1) + ((classes >> UPPER) & 1) + ((classes >> DIGIT) & 1);
  return {
    ratio: alphanumerics === 0 ? 0 : runs / alphanumerics,
    classes: classCount,
    alphanumerics,
  };
}

/**
 * A random token: 16 or more token characters that are hex with letters and digits, or that mix
 * character classes the way random base64 does (see {@link classRunsPerCharacter}). Heuristic: a
 * random token with unusually long runs (about 2 in 10,000) passes.
 */
export function isTokenLike(value: string): boolean {
  // Letters of one case and no digit: a word or a constant, never two classes.
  if (!/\d/.test(value) && (!/[a-z]/.test(value) || !/[A-Z]/.test(value))) return false;
  if (!TOKEN_CHARS.test(value)) return false;
  // A sentence's full stop (or a path's dot) next to a hex token is not part of it.
  if (HEX_TOKEN.test(value.replace(EDGE_PUNCTUATION, ''))) return true;
  const { ratio, classes, alphanumerics } = classRunsPerCharacter(value);
  if (classes < 2 || alphanumerics < MIN_TOKEN_ALPHANUMERICS) return false;
  if (ratio >= MIN_RUNS_PER_CHARACTER) return true;
  // Long runs happen in random text too; then its letters are short of vowels, unlike words.
  if (alphanumerics < 20) return false;
  return (classes === 3 && ratio >= 0.2) || vowelShare(value) < MAX_RANDOM_VOWEL_SHARE;
}

/** A random token among other words, under a key not known to be safe or in free text. */
const TOKEN_IN_TEXT: Detector = withDetect({
  reason: 'the value holds a random token',
  // A token mixes classes: text of lower-case letters and symbols alone holds none.
  needs: (text) => text.length >= 16 && /[\dA-Z]/.test(text),
  pattern: /(?<![\w.~+/=-])[\w.~+/=-]{16,2048}(?![\w.~+/=-])/dg,
  group: 0,
  accept: (match) => isTokenLike(match[0]),
});
const TEXT_DETECTORS: readonly Detector[] = [...DETECTORS, TOKEN_IN_TEXT];

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
  if (value.length < 6) return undefined;
  if (ONE_TIME_CODE.test(value)) return 'the value looks like a one-time code';
  // A PEM block that is not a private key (found above) is a certificate or public key.
  if (value.startsWith('-----BEGIN ')) return undefined;
  if (value.length >= 16 && findDetected(value, [TOKEN_IN_TEXT]) !== undefined) {
    return 'the value holds a random token';
  }
  return undefined;
}

/**
 * Free text with every secret found by the detectors replaced with `[REDACTED]`: what the core
 * reports about a failure keeps its diagnostic value. Text is matched by patterns only (the
 * credential formats, `name=value` pairs, e-mail addresses, random tokens), so a secret in no
 * known format (`the password was hunter2`, a bare one-time code) is not found.
 */
export function redactSecretsInText(text: string, replacement: string): string {
  const ranges: [number, number][] = [];
  const detectors = mayHoldSecret(text) ? TEXT_DETECTORS : [TOKEN_IN_TEXT];
  for (const detector of detectors) {
    if (detector.needs !== undefined && !detector.needs(text)) continue;
    const pattern = detector.pattern;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match[0].length === 0) pattern.lastIndex++;
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
