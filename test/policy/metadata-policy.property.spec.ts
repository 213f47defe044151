import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMetadataPolicy, MetadataPolicyError, REDACTED } from '../../lib/policy/index.js';

/** Forbidden names as words, to be spelled in every style. */
const FORBIDDEN_WORDS: readonly (readonly string[])[] = [
  ['password'],
  ['passwd'],
  ['password', 'hash'],
  ['hashed', 'password'],
  ['client', 'secret'],
  ['secret'],
  ['api', 'key'],
  ['x', 'api', 'key'],
  ['private', 'key'],
  ['access', 'token'],
  ['refresh', 'token'],
  ['id', 'token'],
  ['session', 'token'],
  ['bearer', 'token'],
  ['session', 'id'],
  ['totp', 'code'],
  ['otp'],
  ['backup', 'codes'],
  ['recovery', 'code'],
  ['authorization'],
  ['set', 'cookie'],
  ['cookie'],
  ['credentials'],
  ['email'],
  ['user', 'email'],
  ['new', 'email'],
];

/** Keys Sigra emits, plus a few of ours: none may be redacted. */
const SAFE_KEYS = [
  'user_id',
  'token_id',
  'family_id',
  'key_prefix',
  'geo_country_code',
  'geo_city',
  'provider',
  'method',
  'result',
  'attempts_remaining',
  'retry_after',
  'ip',
  'type',
  'email_type',
  'token_type',
  'delivery_method',
  'status_code',
  'error_code',
  'expires_at',
  'key',
  'outcome',
  'action',
  'kind',
  'count',
  'details',
  'items',
];

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const spelling: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...FORBIDDEN_WORDS),
    fc.constantFrom('lower', 'upper', 'capital', 'camel'),
    fc.constantFrom('_', '-', '.', ' ', ''),
    fc.array(fc.constantFrom('lower', 'upper', 'capital'), { minLength: 3, maxLength: 3 }),
  )
  .map(([words, style, separator, perWord]) => {
    const cased = words.map((word, index) => {
      const wordStyle = style === 'camel' ? (index === 0 ? 'lower' : 'capital') : perWord[index]!;
      if (wordStyle === 'upper') return word.toUpperCase();
      return wordStyle === 'capital' ? capitalize(word) : word;
    });
    return cased.join(style === 'camel' ? '' : separator);
  });

const base64url = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
const alnum = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[a-z0-9]{${min},${max}}$`));

/** Values that are secrets whatever their key. */
const secretShaped: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.constantFrom('Bearer', 'bearer', 'BEARER'), base64url(20, 40))
    .map(([scheme, token]) => `${scheme} ${token}`),
  fc
    .tuple(alnum(1, 12), alnum(1, 12))
    .map(([user, pass]) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`),
  fc
    .tuple(base64url(10, 40), base64url(10, 40), base64url(0, 40))
    .map(([header, payload, signature]) => `eyJ${header}.eyJ${payload}.${signature}`),
  fc
    .tuple(
      fc.constantFrom('a', 'b', 'y'),
      fc.integer({ min: 10, max: 14 }),
      fc.stringMatching(/^[./A-Za-z0-9]{53}$/),
    )
    .map(([variant, cost, rest]) => `$2${variant}$${cost}$${rest}`),
  fc
    .tuple(fc.constantFrom('id', 'i', 'd'), base64url(16, 16), base64url(32, 32))
    .map(([variant, salt, hash]) => `$argon2${variant}$v=19$m=65536,t=3,p=4$${salt}$${hash}`),
  fc
    .tuple(fc.constantFrom('', 'RSA ', 'EC ', 'OPENSSH '), base64url(20, 60))
    .map(
      ([kind, body]) =>
        `-----BEGIN ${kind}PRIVATE KEY-----\n${body}\n-----END ${kind}PRIVATE KEY-----`,
    ),
  fc
    .tuple(alnum(1, 10), alnum(1, 10), fc.constantFrom('com', 'org', 'example'))
    .map(([local, domain, tld]) => `${local}@${domain}.${tld}`),
);

/** Anything at all under a forbidden key; `§` keeps it apart from every safe value. */
const secretUnderKey = fc.oneof(
  secretShaped,
  fc.string().map((text) => `§${text}`),
);

/**
 * Safe strings cannot take a secret shape: no whitespace, `@`, `$`, upper case, `=` or digits
 * (letters and digits mixed are how a random token looks).
 */
const safeValue = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('ip:1.2.3.4', 'totp', 'backup_code', 'github', 'success'),
  // No `:` either: `pin:x` reads as a `name: value` pair naming a secret.
  fc.stringMatching(/^[a-z_.-]{0,20}$/),
);

type Leaf = { kind: 'safe'; value: unknown } | { kind: 'secret'; value: string };
type Entry = { key: string; forbidden: boolean; value: Tree | Leaf };
type Tree = { kind: 'object'; entries: Entry[] } | { kind: 'array'; items: (Tree | Leaf)[] };

function arbitraries(withSecrets: boolean) {
  return fc.letrec<{ tree: Tree; object: Tree; child: Tree | Leaf; entry: Entry }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('object'),
      tie('object'),
      fc.array(tie('child'), { maxLength: 4 }).map((items): Tree => ({ kind: 'array', items })),
    ),
    object: fc
      .uniqueArray(tie('entry'), { maxLength: 5, selector: (entry) => entry.key })
      .map((entries): Tree => ({ kind: 'object', entries })),
    child: fc.oneof(
      { depthSize: 'small' },
      safeValue.map((value): Leaf => ({ kind: 'safe', value })),
      ...(withSecrets ? [secretShaped.map((value): Leaf => ({ kind: 'secret', value }))] : []),
      tie('tree'),
    ),
    entry: fc.oneof(
      fc
        .record({ key: fc.constantFrom(...SAFE_KEYS), value: tie('child') })
        .map((entry): Entry => ({ ...entry, forbidden: false })),
      ...(withSecrets
        ? [
            fc
              .record({
                key: spelling,
                value: fc.oneof(
                  secretUnderKey.map((value): Leaf => ({ kind: 'secret', value })),
                  tie('tree'),
                ),
              })
              .map((entry): Entry => ({ ...entry, forbidden: true })),
          ]
        : []),
    ),
  }));
}

function build(node: Tree | Leaf): unknown {
  if (node.kind === 'safe' || node.kind === 'secret') return node.value;
  if (node.kind === 'array') return node.items.map(build);
  return Object.fromEntries(node.entries.map((entry) => [entry.key, build(entry.value)]));
}

function secretsIn(node: Tree | Leaf): string[] {
  if (node.kind === 'secret') return [node.value];
  if (node.kind === 'safe') return [];
  if (node.kind === 'array') return node.items.flatMap(secretsIn);
  return node.entries.flatMap((entry) => secretsIn(entry.value));
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}

/** Every safe value is where it was; every secret is replaced by REDACTED. */
function expectSanitized(node: Tree | Leaf, output: unknown): void {
  if (node.kind === 'safe') return expect(output).toBe(node.value);
  if (node.kind === 'secret') return expect(output).toBe(REDACTED);
  if (node.kind === 'array') {
    expect(Array.isArray(output)).toBe(true);
    node.items.forEach((item, index) => expectSanitized(item, (output as unknown[])[index]));
    return;
  }
  const record = output as Record<string, unknown>;
  expect(Object.keys(record)).toEqual(node.entries.map((entry) => entry.key));
  for (const entry of node.entries) {
    if (entry.forbidden) expect(record[entry.key]).toBe(REDACTED);
    else expectSanitized(entry.value, record[entry.key]);
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

const root = (withSecrets: boolean) => arbitraries(withSecrets).object;

describe('property: random nested metadata with secrets at random depths', () => {
  const sanitize = createMetadataPolicy();
  const strict = createMetadataPolicy({ mode: 'strict' });

  it('no secret reaches the output, and every safe value arrives unchanged at its path', () => {
    fc.assert(
      fc.property(root(true), (tree) => {
        const input = deepFreeze(build(tree)) as Record<string, unknown>;
        const before = structuredClone(input);
        const output = sanitize(input);
        expect(input).toEqual(before);
        const secrets = secretsIn(tree);
        for (const text of stringsIn(output)) {
          for (const secret of secrets) expect(text.includes(secret)).toBe(false);
        }
        expectSanitized(tree, output);
      }),
      { numRuns: 3000 },
    );
  });

  it('strict mode throws exactly when a secret is present', () => {
    fc.assert(
      fc.property(root(true), (tree) => {
        const input = build(tree) as Record<string, unknown>;
        const hasSecret = JSON.stringify(sanitize(input)).includes(REDACTED);
        if (hasSecret) expect(() => strict(input)).toThrow(MetadataPolicyError);
        else expect(strict(input)).toEqual(input);
      }),
      { numRuns: 1000 },
    );
  });

  it('clean metadata comes back as the same object', () => {
    fc.assert(
      fc.property(root(false), (tree) => {
        const input = build(tree) as Record<string, unknown>;
        expect(sanitize(input)).toEqual(input);
      }),
      { numRuns: 2000 },
    );
  });
});
