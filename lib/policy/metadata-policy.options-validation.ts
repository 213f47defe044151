import { invalidOption, oneOf } from '../shared/option-errors.functions.js';
import { normalizeKeyName } from './key-name.functions.js';
import type { MetadataPolicyMode, MetadataPolicyOptions } from './metadata-policy.types.js';

const MODES: readonly MetadataPolicyMode[] = ['redact', 'strict', 'off'];
const OPTION_NAMES: readonly string[] = ['mode', 'denyKeys', 'allowKeys'];

/** Options after validation: key names normalized into sets. */
export interface ResolvedMetadataPolicy {
  mode: MetadataPolicyMode;
  denyKeys: ReadonlySet<string>;
  allowKeys: ReadonlySet<string>;
}

const WHERE = 'createMetadataPolicy';

function resolveKeyNames(option: string, value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value))
    throw invalidOption(WHERE, `options.${option}`, value, 'an array of key names');
  const names = new Set<string>();
  value.forEach((name: unknown, index) => {
    const normalized = typeof name === 'string' ? normalizeKeyName(name) : '';
    if (normalized === '') {
      const allowed = 'a key name (a string with at least one letter or digit)';
      throw invalidOption(WHERE, `options.${option}[${index}]`, name, allowed);
    }
    names.add(normalized);
  });
  return names;
}

/** Checks the options of `createMetadataPolicy`; a bad one is a `TypeError` that names it. */
export function resolveMetadataPolicyOptions(options: unknown): ResolvedMetadataPolicy {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalidOption(
      WHERE,
      'options',
      options,
      'an object ({ mode, denyKeys, allowKeys }) or undefined',
    );
  }
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.includes(name)) {
      throw invalidOption(
        WHERE,
        'options',
        options,
        `an object with only ${OPTION_NAMES.join(', ')} (unknown option '${name}')`,
      );
    }
  }
  const { mode = 'redact', denyKeys, allowKeys } = options as MetadataPolicyOptions;
  if (!MODES.includes(mode)) {
    throw invalidOption(WHERE, 'options.mode', mode, oneOf(MODES));
  }
  return {
    mode,
    denyKeys: resolveKeyNames('denyKeys', denyKeys),
    allowKeys: resolveKeyNames('allowKeys', allowKeys),
  };
}
