import { createHash } from 'node:crypto';
import fc from 'fast-check';

/** One kind of secret and how to generate it. */
export interface SecretKind {
  readonly kind: string;
  readonly value: fc.Arbitrary<string>;
}

const alnum = (
  min: number,
  max: number,
  chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
) => fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
const upperDigits = (n: number) => alnum(n, n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const b64url = (min: number, max: number) =>
  alnum(min, max, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');

/**
 * A random token as a server makes it: bytes from a random source (here a hash of the generated
 * seed, so shrinking never turns it into `0000…`), in hex or base64url.
 */
const randomToken = fc
  .tuple(
    fc.nat(),
    fc.constantFrom('hex', 'base64url') as fc.Arbitrary<'hex' | 'base64url'>,
    fc.integer({ min: 16, max: 32 }),
  )
  .map(([seed, encoding, bytes]) =>
    createHash('sha512').update(String(seed)).digest().subarray(0, bytes).toString(encoding),
  );

/** A JWT whose header JSON may carry spaces or line breaks. */
const jwt = fc
  .tuple(
    fc.constantFrom('{"alg":"HS256"}', '{ "alg": "RS256", "typ": "JWT" }', '{\n  "alg": "none"\n}'),
    b64url(8, 40),
    b64url(0, 43),
  )
  .map(
    ([header, payload, signature]) =>
      `${Buffer.from(header).toString('base64url')}.${Buffer.from(`{"sub":"${payload}"}`).toString('base64url')}.${signature}`,
  );

const word = fc.constantFrom('alice', 'bob', 'carol', 'ops', 'team', 'x');
const email = fc
  .tuple(
    word,
    fc.constantFrom('', '.smith', '+auth', '_1'),
    fc.constantFrom('example.com', 'mail.example.co.uk', 'x.io'),
  )
  .map(([user, tag, domain]) => `${user}${tag}@${domain}`);

/** The secrets the policy must keep out of every sink, by kind. */
export const SECRET_KINDS: readonly SecretKind[] = [
  { kind: 'aws-key', value: upperDigits(16).map((rest) => `AKIA${rest}`) },
  { kind: 'github-token', value: alnum(36, 36).map((rest) => `ghp_${rest}`) },
  { kind: 'stripe-key', value: alnum(24, 32).map((rest) => `sk_live_${rest}`) },
  { kind: 'jwt', value: jwt },
  {
    kind: 'bearer',
    value: b64url(3, 40)
      .filter((token) => /[\dA-Z_-]/.test(token))
      .map((token) => `Bearer ${token}`),
  },
  {
    kind: 'url-credentials',
    value: fc
      .tuple(word, alnum(6, 16))
      .map(([user, pass]) => `https://${user}:${pass}@db.example.com/app`),
  },
  {
    kind: 'url-secret-parameter',
    value: fc
      .tuple(
        fc.constantFrom('token', 'code', 'state', 'access_token', 'reset_token', 'api_key'),
        randomToken,
      )
      .map(([name, token]) => `/auth/callback?provider=github&${name}=${token}`),
  },
  {
    kind: 'email-in-text',
    value: fc
      .tuple(email, fc.constantFrom('%s', 'Alice <%s>', 'no account for %s', 'to: %s;'))
      .map(([address, template]) => template.replace('%s', address)),
  },
  { kind: 'random-token', value: randomToken },
  {
    kind: 'one-time-code',
    value: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
  },
  {
    kind: 'scrypt-hash',
    value: fc
      .tuple(b64url(16, 24), b64url(32, 44))
      .map(([salt, key]) => `scrypt$16384$8$1$${salt}$${key}`),
  },
  {
    kind: 'password-pair-in-text',
    value: fc
      .tuple(fc.constantFrom('password', 'pwd', 'secret', 'api_key'), alnum(6, 14))
      .map(([name, value]) => `${name}=${value}`),
  },
];

/** Secret words and their abbreviations, as names spell them (`pw`, `privKey`, `connect.sid`). */
const SECRET_STEMS: readonly (readonly string[])[] = [
  ['password'],
  ['pw'],
  ['pwd'],
  ['pass'],
  ['passphrase'],
  ['pin'],
  ['token'],
  ['csrf'],
  ['nonce'],
  ['secret'],
  ['credentials'],
  ['creds'],
  ['api', 'key'],
  ['priv', 'key'],
  ['private', 'key'],
  ['session', 'id'],
  ['sid'],
  ['otp'],
  ['totp'],
  ['email'],
  ['ssn'],
  ['cookie'],
  ['authorization'],
  ['security', 'answer'],
  ['magic', 'link'],
  ['invite', 'code'],
  ['oauth', 'code'],
  ['backup', 'codes'],
  ['refresh', 'token'],
];

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const STYLES: readonly ((words: readonly string[]) => string)[] = [
  (w) => w.join('_'),
  (w) => w.join('-'),
  (w) => w.join('.'),
  (w) => w.join('_').toUpperCase(),
  (w) => w[0] + w.slice(1).map(capitalize).join(''),
  (w) => w.map(capitalize).join(''),
  (w) => w.map(capitalize).join('-'),
];

/** Key names that hold a secret: a stem with optional prefix and suffix words, in any style. */
export const secretKeyName: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...SECRET_STEMS),
    fc.constantFrom([], ['user'], ['new'], ['x'], ['current'], ['my'], ['connect'], ['github']),
    fc.constantFrom([], ['value'], ['hash'], ['raw'], ['plain'], ['header'], ['input']),
    fc.constantFrom(...STYLES),
  )
  .map(([stem, prefix, suffix, style]) => style([...prefix, ...stem, ...suffix]));

/** Any secret of any kind, with its kind. */
export const anySecret: fc.Arbitrary<{ kind: string; value: string }> = fc.oneof(
  ...SECRET_KINDS.map(({ kind, value }) => value.map((secret) => ({ kind, value: secret }))),
);
