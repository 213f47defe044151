/**
 * What a string holds that some credential format needs, found in one pass over its characters:
 * each value detector runs its pattern only when the features it needs are there. A string with a
 * character beyond ASCII gets {@link ALL_FEATURES} (white space and letters beyond ASCII are not
 * told apart here), so every pattern runs on it.
 */
export const AT = 1 << 0;
export const DOLLAR = 1 << 1;
export const COLON = 1 << 2;
/** `:` or `=`, as in `name=value` and `name: value`. */
export const SEPARATOR = 1 << 3;
export const DOT = 1 << 4;
/** A digit or a capital: what a random token mixes with lower-case letters. */
export const DIGIT_OR_UPPER = 1 << 5;
/** `ey` or `ew`: how a JWT's base64url JSON header starts. */
export const JWT_START = 1 << 6;
/** `Bearer` then white space, in any case. */
export const BEARER_SCHEME = 1 << 7;
/** `Basic` then white space, in any case. */
export const BASIC_SCHEME = 1 << 8;
/** Five dashes in a row, as PEM armour starts. */
export const FIVE_DASHES = 1 << 9;
/** A cloud or platform key prefix: `AKIA`, `ghp_`, `sk_`, `xoxb-`, `glpat-` … */
export const API_KEY_PREFIX = 1 << 10;
export const ALL_FEATURES = (1 << 11) - 1;

/** Marks, in {@link CHARACTERS}, a character that needs a look at its neighbours; not a feature. */
const LOOK_AROUND = 1 << 11;
/** Marks, in {@link CHARACTERS}, a token character; not a feature. */
const TOKEN_CHARACTER = 1 << 12;
/** The shortest random token looked for. */
export const MIN_TOKEN_LENGTH = 16;

/** The feature bits each ASCII character sets by itself, plus the two marks above. */
const CHARACTERS = new Uint16Array(128);
for (let code = 0; code < 128; code++) {
  const character = String.fromCharCode(code);
  let bits = /[ywA_\s-]/.test(character) ? LOOK_AROUND : 0;
  if (/[\w.~+/=-]/.test(character)) bits |= TOKEN_CHARACTER;
  if (/[\dA-Z]/.test(character)) bits |= DIGIT_OR_UPPER;
  bits |= { '@': AT, $: DOLLAR, '=': SEPARATOR, ':': COLON | SEPARATOR, '.': DOT }[character] ?? 0;
  CHARACTERS[code] = bits;
}

/** Whether `text` has `word` (lower case) right before `end`, in any case. */
function endsWithWord(text: string, end: number, word: string): boolean {
  const start = end - word.length;
  if (start < 0) return false;
  // `| 0x20` folds an ASCII capital to its lower-case letter; no other character lands on one.
  for (let k = 0; k < word.length; k++) {
    if ((text.charCodeAt(start + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** White space as `\s` has it within ASCII. */
export function isAsciiSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Whether `word` is in `text` at `start` (compared by character codes, no string made). */
function isAt(text: string, start: number, word: string): boolean {
  if (start < 0 || start + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    if (text.charCodeAt(start + k) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Whether a key prefix of the API-key detector has its last character (or, for `A…`, its first)
 * at `i`: `gh[pousr]_`, `github_pat_`, `[rs]k_`, `whsec_`, `npm_`, `xox[abprs]-`, `glpat-`,
 * `AKIA`, `AIza` …. One look at the neighbouring character picks the one prefix to compare.
 */
function apiKeyPrefixAt(text: string, i: number, code: number): number {
  return isApiKeyPrefixAt(text, i, code) ? API_KEY_PREFIX : 0;
}

function isApiKeyPrefixAt(text: string, i: number, code: number): boolean {
  if (code === 0x41) return isAwsPrefixAt(text, i);
  const before = text.charCodeAt(i - 1);
  if (code === 0x2d) {
    if (before === 0x74) return isAt(text, i - 5, 'glpat'); // t
    // a, b, p, r, s
    const slackType = before === 0x61 || before === 0x62 || before === 0x70 || before === 0x72;
    return (slackType || before === 0x73) && isAt(text, i - 4, 'xox');
  }
  switch (before) {
    case 0x6b: {
      const kind = text.charCodeAt(i - 2); // k after r or s
      return kind === 0x72 || kind === 0x73;
    }
    case 0x74: // t
      return isAt(text, i - 10, 'github_pat');
    case 0x63: // c
      return isAt(text, i - 5, 'whsec');
    case 0x6d: // m
      return isAt(text, i - 3, 'npm');
    case 0x70: // p, o, u, s, r
    case 0x6f:
    case 0x75:
    case 0x73:
    case 0x72:
      return isAt(text, i - 3, 'gh');
    default:
      return false;
  }
}

/** `AKIA`, `ASIA`, `ABIA`, `ACCA`, `AROA`, `AIDA` or `AIza` at `i`. */
function isAwsPrefixAt(text: string, i: number): boolean {
  switch (text.charCodeAt(i + 1)) {
    case 0x4b: // K
    case 0x53: // S
    case 0x42: // B
      return isAt(text, i + 2, 'IA');
    case 0x43: // C
      return isAt(text, i + 2, 'CA');
    case 0x52: // R
      return isAt(text, i + 2, 'OA');
    case 0x49: // I
      return isAt(text, i + 2, 'DA') || isAt(text, i + 2, 'za');
    default:
      return false;
  }
}

/** The features of `text`: a bit set of the constants above. */
export function featuresOf(text: string): number {
  let features = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return ALL_FEATURES;
    const bits = CHARACTERS[code]!;
    features |= bits;
    if ((bits & LOOK_AROUND) !== 0) features |= lookAround(text, i, code, features);
  }
  return features & ALL_FEATURES;
}

/**
 * The features a character of {@link LOOK_AROUND} sets together with its neighbours; a feature
 * already found is not looked for again, so that long runs of these characters stay cheap.
 */
function lookAround(text: string, i: number, code: number, found: number): number {
  switch (code) {
    case 0x79:
    case 0x77:
      return (found & JWT_START) === 0 && text.charCodeAt(i - 1) === 0x65 ? JWT_START : 0;
    case 0x2d:
      return (
        ((found & FIVE_DASHES) === 0 && isAt(text, i - 4, '-----') ? FIVE_DASHES : 0) |
        ((found & API_KEY_PREFIX) === 0 ? apiKeyPrefixAt(text, i, code) : 0)
      );
    case 0x41:
    case 0x5f:
      return (found & API_KEY_PREFIX) === 0 ? apiKeyPrefixAt(text, i, code) : 0;
    default:
      // White space: does a scheme name end here?
      return (
        ((found & BEARER_SCHEME) === 0 && endsWithWord(text, i, 'bearer') ? BEARER_SCHEME : 0) |
        ((found & BASIC_SCHEME) === 0 && endsWithWord(text, i, 'basic') ? BASIC_SCHEME : 0)
      );
  }
}

/** `[\w.~+/=-]`: what a token is made of. */
export function isTokenCharacter(code: number): boolean {
  return code < 0x80 && (CHARACTERS[code]! & TOKEN_CHARACTER) !== 0;
}

/** Whether the text has a run of 16 or more token characters (`[\w.~+/=-]`). */
export function hasTokenRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isTokenCharacter(text.charCodeAt(i))) run = 0;
    else if (++run >= MIN_TOKEN_LENGTH) return true;
  }
  return false;
}
