import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../lib/catalog/catalog.data.js';
import { createMetadataPolicy, MetadataPolicyError, REDACTED } from '../../lib/policy/index.js';
import { anySecret, secretKeyName } from '../../fuzz/secret-samples.js';

const sanitize = createMetadataPolicy();
const strict = createMetadataPolicy({ mode: 'strict' });

describe('generated spellings of secret key names', () => {
  it('are redacted whatever the case, separators, prefixes, suffixes and abbreviations', () => {
    fc.assert(
      fc.property(secretKeyName, (key) => {
        expect(sanitize({ [key]: 'plain' })[key]).toBe(REDACTED);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('generated secret values under a neutral key', () => {
  it('are redacted in every credential format', () => {
    fc.assert(
      fc.property(anySecret, ({ value }) => {
        expect(sanitize({ note: value }).note).toBe(REDACTED);
        expect(() => strict({ note: value })).toThrow(MetadataPolicyError);
      }),
      { numRuns: 2_000 },
    );
  });

  it('are cut out of free text, whatever punctuation follows them', () => {
    fc.assert(
      fc.property(
        anySecret.filter(({ kind }) => kind !== 'one-time-code'),
        fc.constantFrom('.', ',', ';', ':', ')', '!', '...'),
        ({ value }, after) => {
          const copy = sanitize({
            error: new Error(`verify failed: ${value}${after} Retry later`),
          });
          expect((copy.error as Error).message).not.toContain(value);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('are redacted when used as a key, and strict mode never echoes them', () => {
    fc.assert(
      fc.property(
        anySecret.filter(({ kind }) => kind !== 'one-time-code'),
        ({ value }) => {
          const result = sanitize({ attempts: { [value]: 3 } }) as { attempts: object };
          expect(Object.keys(result.attempts)).toEqual([REDACTED]);
          expect(Object.values(result.attempts)).toEqual([3]);
          try {
            strict({ attempts: { [value]: 3 } });
            expect.unreachable();
          } catch (error) {
            expect((error as Error).message).not.toContain(value);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Values as Sigra's events carry them under their documented keys. */
const documentedValue = fc.oneof(
  fc.nat(),
  fc.boolean(),
  fc.uuid(),
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom(
    'success',
    'failure',
    'invalid_credentials',
    'totp',
    'backup_code',
    'github',
    'google',
    'standard',
    'mfa_pending',
    'remember_me',
    'email',
    'password_reset',
    'sigra',
    'login:ip:203.0.113.7',
    'FR',
    'Paris',
    'São Paulo',
  ),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);

describe("the catalog's documented metadata", () => {
  const keys = [
    ...new Set(
      CATALOG.flatMap((entry) =>
        entry.kind === 'span'
          ? [...entry.start, ...entry.stop]
          : [...entry.measurements, ...entry.metadata],
      ).map((spec) => spec.replace(/\?$/, '')),
    ),
  ];

  it('passes untouched: 0 false positives over every documented key', () => {
    expect(keys.length).toBeGreaterThan(20);
    let checked = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), documentedValue), (metadata) => {
        checked += Object.keys(metadata).length;
        expect(sanitize(metadata)).toEqual(metadata);
        expect(() => strict(metadata)).not.toThrow();
      }),
      { numRuns: 2_000 },
    );
    expect(checked).toBeGreaterThan(5_000);
  });
});
