import fc from 'fast-check';
import { SECRET_KINDS, secretKeyName } from './secret-samples.js';

/** Where a case puts its secret in the metadata (or the thrown value) of one emission. */
export const PLACEMENTS = [
  'neutral-key',
  'secret-key',
  'nested',
  'array',
  'map-value',
  'set-member',
  'as-key',
  'as-top-level-key',
  'error-message',
  'error-field',
  'two-faced-getter',
  'class-instance',
] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** How the case reaches the core. */
export const PATHS = [
  'execute-metadata',
  'execute-measurements',
  'span-start',
  'span-stop',
  'span-exception',
  'span-callback-failure',
  'decorated-metadata',
  'decorated-stop',
  'decorated-throw',
  'interceptor-context',
  'handler-failure',
  'metric-callback-failure',
] as const;
export type EmissionPath = (typeof PATHS)[number];

/** One emission of the fuzz: a secret of one kind, at one placement, through one path. */
export interface FuzzCase {
  readonly index: number;
  readonly kind: string;
  /** The text that must appear in no sink. */
  readonly secret: string;
  /** For `secret-key`: the key name that holds it. */
  readonly keyName: string;
  readonly placement: Placement;
  readonly path: EmissionPath;
  readonly depth: number;
}

/** Paths whose secret comes as a thrown value: only message-like placements make sense there. */
const THROWING: ReadonlySet<EmissionPath> = new Set([
  'span-exception',
  'span-callback-failure',
  'decorated-throw',
  'handler-failure',
  'metric-callback-failure',
]);

const kindIndex = fc.nat(SECRET_KINDS.length - 1);
const plainSecret = fc
  .tuple(fc.constantFrom('hunter', 'swordfish', 'letmein'), fc.nat(999_999))
  .map(([word, n]) => `${word}${n}`);

/**
 * The cases of one run, reproducible from its seed: every secret kind × placement × path, drawn
 * at random. Under a secret key the value is a plain word (`hunter417`): only the key name says it
 * is a secret.
 */
export function fuzzCases(seed: number, count: number): FuzzCase[] {
  const draw = fc.tuple(
    kindIndex,
    fc.nat(),
    fc.constantFrom(...PLACEMENTS),
    fc.constantFrom(...PATHS),
    fc.nat(5),
    secretKeyName,
    plainSecret,
  );
  return fc
    .sample(draw, { seed, numRuns: count })
    .map(([kind, valueSeed, placement, path, depth, keyName, plain], index): FuzzCase => {
      const secretKind = SECRET_KINDS[kind]!;
      const value = fc.sample(secretKind.value, { seed: valueSeed, numRuns: 1 })[0]!;
      const fitted =
        THROWING.has(path) && placement !== 'error-field' ? 'error-message' : placement;
      return fitted === 'secret-key'
        ? { index, kind: 'plain-under-secret-key', secret: plain, keyName, placement, path, depth }
        : { index, kind: secretKind.kind, secret: value, keyName, placement: fitted, path, depth };
    });
}
