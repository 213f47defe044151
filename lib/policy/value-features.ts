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

const AWS_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AROA', 'AIDA', 'AIza'];

/**
 * Whether a key prefix of the API-key detector has its last character (or, for `A…`, its first)
 * at `i`: `gh[pousr]_`, `github_pat_`, `[rs]k_`, `whsec_`, `npm_`, `xox[abprs]-`, `glpat-`,
 * `AKIA`, `AIza` ….
 */
function apiKeyPrefixAt(text: string, i: number, code: number): number {
  return isApiKeyPrefixAt(text, i, code) ? API_KEY_PREFIX : 0;
}

function isApiKeyPrefixAt(text: string, i: number, code: number): boolean {
  if (code === 0x41) {
    for (const prefix of AWS_PREFIXES) if (text.startsWith(prefix, i)) return true;
    return false;
  }
  const before = text[i - 1];
  if (code === 0x2d) {
    if (before === 't') return text.startsWith('glpat', i - 5);
    return before !== undefined && 'abprs'.includes(before) && text.startsWith('xox', i - 4);
  }
  switch (before) {
    case 'k':
      return text[i - 2] === 'r' || text[i - 2] === 's';
    case 't':
      return text.startsWith('github_pat', i - 10);
    case 'c':
      return text.startsWith('whsec', i - 5);
    case 'm':
      return text.startsWith('npm', i - 3);
    case 'p':
    case 'o':
    case 'u':
    case 's':
    case 'r':
      return text.startsWith('gh', i - 3);
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
    if ((bits & LOOK_AROUND) !== 0) features |= lookAround(text, i, code);
  }
  return features & ALL_FEATURES;
}

/** The features a character of {@link LOOK_AROUND} sets together with its neighbours. */
function lookAround(text: string, i: number, code: number): number {
  switch (code) {
    case 0x79:
    case 0x77:
      return text.charCodeAt(i - 1) === 0x65 ? JWT_START : 0;
    case 0x2d:
      return (text.startsWith('-----', i - 4) ? FIVE_DASHES : 0) | apiKeyPrefixAt(text, i, code);
    case 0x41:
    case 0x5f:
      return apiKeyPrefixAt(text, i, code);
    default:
      // White space: does a scheme name end here?
      return (
        (endsWithWord(text, i, 'bearer') ? BEARER_SCHEME : 0) |
        (endsWithWord(text, i, 'basic') ? BASIC_SCHEME : 0)
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
