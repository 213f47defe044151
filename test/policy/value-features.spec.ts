import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMetadataPolicy, REDACTED } from '../../lib/policy/index.js';
import * as F from '../../lib/policy/value-features.functions.js';

const sanitize = createMetadataPolicy();

/** Each feature as its plain definition, one regular expression per feature. */
const DEFINITIONS: readonly (readonly [number, RegExp])[] = [
  [F.AT, /@/],
  [F.DOLLAR, /\$/],
  [F.COLON, /:/],
  [F.SEPARATOR, /[:=]/],
  [F.DOT, /\./],
  [F.DIGIT_OR_UPPER, /[\dA-Z]/],
  [F.JWT_START, /e[yw]/],
  [F.BEARER_SCHEME, /bearer[\t\n\v\f\r ]/i],
  [F.BASIC_SCHEME, /basic[\t\n\v\f\r ]/i],
  [F.FIVE_DASHES, /-----/],
  [
    F.API_KEY_PREFIX,
    /AKIA|ASIA|ABIA|ACCA|AROA|AIDA|AIza|gh[pousr]_|github_pat_|[rs]k_|whsec_|npm_|xox[abprs]-|glpat-/,
  ],
];

function defined(text: string): number {
  // oxlint-disable-next-line no-control-regex -- beyond ASCII every pattern runs
  if (/[^\x00-\x7f]/.test(text)) return F.ALL_FEATURES;
  let features = 0;
  for (const [feature, pattern] of DEFINITIONS) if (pattern.test(text)) features |= feature;
  return features;
}

const PIECES = [
  'Bearer ',
  'basic\t',
  'BEARER\n',
  'ey',
  'ew',
  '-----',
  '----',
  'AKIA',
  'AIza',
  'ghp_',
  'github_pat_',
  'sk_',
  'rk_',
  'whsec_',
  'npm_',
  'xoxb-',
  'xox-',
  'glpat-',
  'k_',
  'pat_',
  '@',
  '$',
  ':',
  '=',
  '.',
  ' ',
  'é',
  'A',
  '7',
  'e',
  '-',
  '_',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 10 })
  .map((pieces) => pieces.join(''));

describe('the features of a string, found in one pass', () => {
  it('are exactly those their definitions find', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(F.featuresOf(value)).toBe(defined(value));
      }),
      { numRuns: 5_000 },
    );
  });

  it('says whether a run of 16 token characters is there', () => {
    expect(F.hasTokenRun('abcdefghijklmno')).toBe(false);
    expect(F.hasTokenRun('abcdefgh/ijklmnop')).toBe(true);
    expect(F.hasTokenRun('abcdefgh ijklmnopqrstuvw')).toBe(false);
    expect(F.hasTokenRun('a b c 0123456789-_.~+/=AZ')).toBe(true);
  });
});

describe('a secret the detectors find is found past every shortcut', () => {
  it.each([
    ['a secret name before white space beyond ASCII', 'password\u00a0: hunter2'],
    ['a quoted secret name', '{"password"  :  "hunter2"}'],
    ['a secret name, then a line break', 'token\n= abc123'],
    ['a scheme before white space beyond ASCII', 'Bearer\u2003abc123def456'],
    ['text beyond ASCII around a pair', 'café password=hunter2'],
    ['a pair after plain pairs', 'login:ip:203.0.113.7 pw=hunter2'],
    ['a key prefix after a dash run', '---- xoxb-1234567890-abcdef'],
  ])('%s', (_what, value) => {
    expect(sanitize({ note: value }).note).toBe(REDACTED);
  });

  it('and plain pairs stay', () => {
    expect(sanitize({ note: 'login:ip:203.0.113.7' }).note).toBe('login:ip:203.0.113.7');
  });
});
