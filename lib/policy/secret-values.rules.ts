import { isCodeLikeName, secretKeyReason } from './secret-keys.rules.js';
import {
  ALL_FEATURES,
  API_KEY_PREFIX,
  AT,
  BASIC_SCHEME,
  BEARER_SCHEME,
  COLON,
  DIGIT_OR_UPPER,
  DOLLAR,
  DOT,
  featuresOf,
  FIVE_DASHES,
  isAsciiSpace,
  JWT_START,
  SEPARATOR,
  hasTokenRun,
  isTokenCharacter,
  MIN_TOKEN_LENGTH,
} from './value-features.functions.js';

/** A credential format that can be found anywhere in a string (a header dump, a URL, a message). */
interface Detector {
  readonly reason: string;
  /** Global, with indices: every match is a candidate, and text redaction cuts out the group. */
  readonly pattern: RegExp;
  /** The same pattern without indices, for detection (indices cost an allocation per match). */
  readonly detect: RegExp;
  /** Which capture group is the secret (0: the whole match). */
  readonly group: number;
  /**
   * The {@link featuresOf} the text must all have for the pattern to match at all: a necessary
   * condition, so skipping the pattern never misses a match.
   */
  readonly needs: number;
  /** A closer look at the text, when it has the features: also a necessary condition. */
  readonly mayMatch?: (text: string) => boolean;
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

const MAX_PAIR_NAME = 64;
const WHITE_SPACE = /\s/;

/** White space as `\s` has it. */
function isSpace(code: number): boolean {
  return isAsciiSpace(code) || (code > 0x7f && WHITE_SPACE.test(String.fromCharCode(code)));
}

function isPairNameCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code === 0x2e ||
    code === 0x2d
  );
}

/**
 * Whether some `:` or `=` in the text has before it (past white space and one quote) the name
 * the pair pattern would take, and that name is a secret or a `code` / `state`: the pattern can
 * accept a pair only then. Each name is read backwards from its separator, at most 65 characters.
 */
function hasSecretPairName(text: string): boolean {
  return hasSecretNameBefore(text, ':') || hasSecretNameBefore(text, '=');
}

function hasSecretNameBefore(text: string, separatorCharacter: ':' | '='): boolean {
  for (
    let separator = text.indexOf(separatorCharacter, 1);
    separator !== -1;
    separator = text.indexOf(separatorCharacter, separator + 1)
  ) {
    let end = separator;
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
    const quote = text.charCodeAt(end - 1);
    if (quote === 0x22 || quote === 0x27) end--;
    let start = end;
    while (
      start > 0 &&
      end - start <= MAX_PAIR_NAME &&
      isPairNameCharacter(text.charCodeAt(start - 1))
    ) {
      start--;
    }
    const first = text.charCodeAt(start);
    const startsName = (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7a ? true : first === 0x5f;
    if (start === end || end - start > MAX_PAIR_NAME || !startsName) continue;
    if (pairNameKind(text.slice(start, end)) !== 'plain') return true;
  }
  return false;
}

const SYMBOLIC = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|[a-z]{1,14}(?:[_-][a-z]{1,14})*|\d{1,5})$/;

/**
 * A value that reads as a constant rather than a secret: an error code (`ECONNRESET`,
 * `ERR_INVALID_ARG`), a word or two (`pending`, `access_denied`), a status (`404`).
 */
export function isSymbolicValue(value: string): boolean {
  return value.length <= 40 && SYMBOLIC.test(value);
}

/** Every detector gets the same shape, so the loops over them read their fields cheaply. */
function withDetect(spec: Omit<Detector, 'detect'>): Detector {
  const { reason, pattern, group, needs, mayMatch, accept } = spec;
  const detect = new RegExp(pattern.source, pattern.flags.replace('d', ''));
  return { reason, pattern, detect, group, needs, mayMatch, accept };
}

const DETECTORS: readonly Detector[] = (
  [
    {
      reason: 'the value holds a bearer token',
      needs: BEARER_SCHEME,
      pattern: /\bBearer\s+([\w.~+/-]+=*)/dgi,
      group: 1,
      accept: (match) => !BEARER_PROSE.has(match[1]!.toLowerCase()),
    },
    {
      reason: 'the value holds Basic credentials (user:password)',
      needs: BASIC_SCHEME,
      pattern: /\bBasic\s+([A-Za-z0-9+/]+={0,2})/dgi,
      group: 1,
      accept: (match) => isBasicCredential(match[1]!),
    },
    {
      reason: 'the value holds a JWT',
      needs: JWT_START | DOT,
      pattern: /(?<![\w-])(e[wy][\w-]{2,})\.[\w-]{2,}\.[\w-]*/dg,
      group: 0,
      accept: (match) => isJwtHeader(match[1]!),
    },
    {
      reason: 'the value holds a password hash',
      needs: DOLLAR,
      pattern:
        /\$argon2(?:id|i|d)\$\S*|\$2[abxy]\$\d\d\$[./A-Za-z0-9]{22}\S*|\$?scrypt\$\S+|pbkdf2(?:[-_]sha\d+)?\$\d+\$\S*/dgi,
      group: 0,
    },
    {
      reason: 'the value holds a PEM private key',
      needs: FIVE_DASHES,
      pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[^-]*/dg,
      group: 0,
    },
    {
      reason: 'the value holds a cloud or platform API credential',
      needs: API_KEY_PREFIX,
      pattern:
        /(?<![A-Za-z0-9])(?:(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|[rs]k_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{8,}|xox[abprs]-[\w-]{8,}|AIza[\w-]{30,}|glpat-[\w-]{16,}|npm_[A-Za-z0-9]{30,})/dg,
      group: 0,
    },
    {
      reason: 'the value holds a URL with credentials',
      needs: COLON | AT,
      mayMatch: (text) => text.includes('://'),
      pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#@]+)@/dgi,
      group: 1,
    },
    {
      reason: 'the value holds a secret parameter (name=value)',
      needs: SEPARATOR,
      mayMatch: hasSecretPairName,
      // The value is matched by a lookahead: it may itself start the next pair (`Error: token=…`).
      // A value starting with `[` is a marker (`[REDACTED]`), not a secret.
      pattern:
        /(?<![\w.-])([A-Za-z_][\w.-]{0,63})["']?\s*[:=]\s*["']?(?=([^\s"'&#,;})\][][^\s"'&#,;})\]]*))/dg,
      group: 2,
      accept: isSecretPair,
    },
    {
      reason: 'the value holds an e-mail address (identify users by user_id)',
      needs: AT,
      pattern:
        /(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])/dg,
      group: 0,
    },
  ] satisfies Omit<Detector, 'detect'>[]
).map(withDetect);

function canMatch(detector: Detector, text: string, features: number): boolean {
  return (
    (features & detector.needs) === detector.needs &&
    (detector.mayMatch === undefined || detector.mayMatch(text))
  );
}

/**
 * Whether a detector finds an accepted match, by `exec` on a pattern without match indices:
 * `matchAll` clones the regular expression on each call, which costs more than the match.
 */
function detects(detector: Detector, text: string, features: number): boolean {
  if (!canMatch(detector, text, features)) return false;
  const pattern = detector.detect;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (detector.accept === undefined || detector.accept(match)) return true;
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return false;
}

/** By feature set: 1 when some detector of {@link DETECTORS} needs no feature beyond it. */
const ANY_DETECTOR_CAN_MATCH = Uint8Array.from({ length: ALL_FEATURES + 1 }, (_, features) =>
  DETECTORS.some((detector) => (features & detector.needs) === detector.needs) ? 1 : 0,
);

function findDetected(value: string, features: number): string | undefined {
  // Most strings have none of the features any detector needs: one lookup rules them out.
  if (ANY_DETECTOR_CAN_MATCH[features] === 0) return undefined;
  for (const detector of DETECTORS) if (detects(detector, value, features)) return detector.reason;
  return undefined;
}

const MAX_TOKEN_LENGTH = 2048;
const MIN_RUNS_PER_CHARACTER = 0.3;
const MIN_TOKEN_ALPHANUMERICS = 16;
/** Random letters are about 19% vowels; words and identifiers about 35-40%. */
const MAX_RANDOM_VOWEL_SHARE = 0.25;
/** One-time codes: 6 to 8 digits, maybe split in two (`123 456`, `123-456`). */
const ONE_TIME_CODE = /^(?:\d{6,8}|\d{3}[ -]\d{3})$/;

const LOWER_CLASS = 1;
const UPPER_CLASS = 2;
const DIGIT_CLASS = 4;

function charClass(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return LOWER_CLASS;
  if (code >= 0x41 && code <= 0x5a) return UPPER_CLASS;
  if (code >= 0x30 && code <= 0x39) return DIGIT_CLASS;
  return 0;
}

function isVowel(code: number): boolean {
  const lower = code | 0x20;
  return lower === 0x61 || lower === 0x65 || lower === 0x69 || lower === 0x6f || lower === 0x75;
}

/** Hex with letters and digits, 16 or more, once the punctuation at both ends is left out. */
function isHexToken(value: string): boolean {
  let start = 0;
  let end = value.length;
  // A sentence's full stop (or a path's dot) next to a hex token is not part of it.
  while (start < end && isEdgePunctuation(value.charCodeAt(start))) start++;
  while (end > start && isEdgePunctuation(value.charCodeAt(end - 1))) end--;
  if (end - start < MIN_TOKEN_LENGTH) return false;
  let classes = 0;
  for (let i = start; i < end; i++) {
    const code = value.charCodeAt(i);
    const lower = code | 0x20;
    if (code >= 0x30 && code <= 0x39) classes |= DIGIT_CLASS;
    else if (lower >= 0x61 && lower <= 0x66) classes |= LOWER_CLASS;
    else return false;
  }
  return classes === (DIGIT_CLASS | LOWER_CLASS);
}

function isEdgePunctuation(code: number): boolean {
  return (
    code === 0x2e ||
    code === 0x7e ||
    code === 0x2b ||
    code === 0x2f ||
    code === 0x3d ||
    code === 0x2d
  );
}

/**
 * A random token: 16 to 2048 token characters that are hex with letters and digits, or that mix
 * character classes the way random base64 does. The measure is runs of one character class
 * (lower, upper, digit) per letter or digit, where a capital and the lower-case letters after it
 * are one run (a word: `Backup`, `My`, the `Response` of `HTTPResponse`): identifiers, words,
 * paths and dates score about 0.05 to 0.25; random base64 about 0.5. Heuristic: a random token
 * with unusually long runs (about 2 in 10,000) passes. One pass over the characters, no
 * allocation.
 */
export function isTokenLike(value: string): boolean {
  if (value.length < MIN_TOKEN_LENGTH || value.length > MAX_TOKEN_LENGTH) return false;
  let classes = 0;
  let alphanumerics = 0;
  let runs = 0;
  let letters = 0;
  let vowels = 0;
  let previous = 0;
  let previousRun = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!isTokenCharacter(code)) return false;
    const kind = charClass(code);
    if (kind === 0) continue;
    alphanumerics++;
    classes |= kind;
    if (kind !== DIGIT_CLASS) {
      letters++;
      if (isVowel(code)) vowels++;
    }
    if (kind === previous) {
      previousRun++;
      continue;
    }
    // A single capital followed by lower-case letters starts a word: one run, not two.
    if (!(kind === LOWER_CLASS && previous === UPPER_CLASS && previousRun === 1)) runs++;
    previous = kind;
    previousRun = 1;
  }
  // Letters of one case and no digit: a word or a constant, never two classes.
  if (classes === LOWER_CLASS || classes === UPPER_CLASS || classes === 0) return false;
  if (isHexToken(value)) return true;
  // Digits alone (a number, a date) mix no classes.
  if (classes === DIGIT_CLASS || alphanumerics < MIN_TOKEN_ALPHANUMERICS) return false;
  const ratio = runs / alphanumerics;
  if (ratio >= MIN_RUNS_PER_CHARACTER) return true;
  // Long runs happen in random text too; then its letters are short of vowels, unlike words.
  if (alphanumerics < 20) return false;
  const threeClasses = classes === (LOWER_CLASS | UPPER_CLASS | DIGIT_CLASS);
  return (
    (threeClasses && ratio >= 0.2) || (letters > 0 ? vowels / letters : 0) < MAX_RANDOM_VOWEL_SHARE
  );
}

/** A random token among other words, under a key not known to be safe or in free text. */
const TOKEN_IN_TEXT: Detector = withDetect({
  reason: 'the value holds a random token',
  // A token mixes classes: text of lower-case letters and symbols alone holds none.
  needs: DIGIT_OR_UPPER,
  mayMatch: hasTokenRun,
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
  return findDetected(value, featuresOf(value));
}

/**
 * Why a string is a secret under a key not known to be safe: any {@link secretValueReason}, and
 * also a random-looking token or a one-time code (`483920`), which a known-safe key such as
 * `token_id` or `user_id` may carry as an identifier.
 */
export function secretUnderNeutralKeyReason(value: string): string | undefined {
  const features = featuresOf(value);
  const reason = findDetected(value, features);
  if (reason !== undefined) return reason;
  if (value.length < 6) return undefined;
  const first = value.charCodeAt(0);
  if (value.length <= 8 && first >= 0x30 && first <= 0x39 && ONE_TIME_CODE.test(value)) {
    return 'the value looks like a one-time code';
  }
  // A PEM block that is not a private key (found above) is a certificate or public key.
  if (value.startsWith('-----BEGIN ')) return undefined;
  return detects(TOKEN_IN_TEXT, value, features) ? TOKEN_IN_TEXT.reason : undefined;
}

/**
 * Free text with every secret found by the detectors replaced with `[REDACTED]`: what the core
 * reports about a failure keeps its diagnostic value. Text is matched by patterns only (the
 * credential formats, `name=value` pairs, e-mail addresses, random tokens), so a secret in no
 * known format (`the password was hunter2`, a bare one-time code) is not found.
 */
export function redactSecretsInText(text: string, replacement: string): string {
  const ranges: [number, number][] = [];
  const features = featuresOf(text);
  for (const detector of TEXT_DETECTORS) {
    if (!canMatch(detector, text, features)) continue;
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
