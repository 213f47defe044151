import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';

/** Longest password accepted: bounds the work a single request can ask of the hasher. */
export const MAX_PASSWORD_LENGTH = 128;

/**
 * The one spelling of an e-mail address the app stores and compares: NFKC folds compatibility
 * characters into what they stand for (the Kelvin sign `K` into `K`, full-width letters into
 * ASCII), then lower case, as mail servers treat addresses in practice.
 */
export function canonicalEmail(email: string): string {
  return email.normalize('NFKC').toLowerCase();
}

/**
 * An e-mail address of at most 254 characters (RFC 5321's limit), canonicalised (see
 * `canonicalEmail`) and ASCII only: internationalised addresses have several spellings of one
 * address, which would make several accounts.
 */
export function IsEmailAddress(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? canonicalEmail(value) : value)),
    IsEmail({}, { message: 'email must be an e-mail address' }),
    Matches(/^[\x20-\x7e]*$/, {
      message: 'email must be written in ASCII (international addresses are not supported)',
    }),
    MaxLength(254),
  );
}

/** Runs of characters that make a password easy to guess, each also read backwards. */
const SEQUENCES = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
].flatMap((sequence) => [sequence, [...sequence].toReversed().join('')]);

/** Fewest different characters a new password must have. */
const MIN_DISTINCT_CHARACTERS = 5;

/**
 * Why `password` is too easy to guess for the account `email`, or `undefined`. Refuses the
 * obvious only: few different characters, a run of the alphabet, digits or a keyboard row, and
 * the e-mail address or its local part. A deployment should also check breached-password lists.
 */
export function weakPasswordReason(password: string, email: unknown): string | undefined {
  const folded = password.normalize('NFKC').toLowerCase();
  if (new Set(folded).size < MIN_DISTINCT_CHARACTERS) return 'it repeats too few characters';
  if (SEQUENCES.some((sequence) => sequence.includes(folded))) return 'it is a run of keys';
  if (typeof email === 'string') {
    const localPart = canonicalEmail(email).split('@')[0] ?? '';
    if (localPart.length >= 3 && folded.includes(localPart))
      return 'it contains the e-mail address';
  }
  return undefined;
}

/** The `email` of the body being validated, if it has one. */
function emailOf(args: ValidationArguments | undefined): unknown {
  return (args?.object as { email?: unknown } | undefined)?.email;
}

/**
 * A password being chosen: 10 to 128 characters and not easy to guess (see
 * `weakPasswordReason`; the e-mail address is read from the body's `email`, when there is one).
 */
export function IsNewPassword(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    MinLength(10),
    MaxLength(MAX_PASSWORD_LENGTH),
    ValidateBy({
      name: 'isStrongPassword',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          typeof value !== 'string' || weakPasswordReason(value, emailOf(args)) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `password is too easy to guess: ${weakPasswordReason(String(args?.value), emailOf(args))}`,
      },
    }),
  );
}
