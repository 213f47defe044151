import { describeValue } from './value-description.functions.js';

/**
 * The error for a bad option, in the one shape every options check uses:
 * `where: subject must be expected; got <description>.` The value is described, never printed
 * (it may be a secret).
 *
 * @example invalidOption('createMetadataPolicy', 'options.mode', 'drop', oneOf(MODES))
 */
export function invalidOption(
  where: string,
  subject: string,
  value: unknown,
  expected: string,
): TypeError {
  return new TypeError(`${where}: ${subject} must be ${expected}; got ${describeValue(value)}.`);
}

/** `one of 'a', 'b'`: the allowed values of an option, quoted. */
export function oneOf(values: readonly string[]): string {
  return `one of ${values.map((value) => `'${value}'`).join(', ')}`;
}
