import { applyDecorators } from '@nestjs/common';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

/** Longest password accepted: bounds the work a single request can ask of the hasher. */
export const MAX_PASSWORD_LENGTH = 128;

/** An e-mail address of at most 254 characters (RFC 5321's limit). */
export function IsEmailAddress(): PropertyDecorator {
  return applyDecorators(
    IsEmail({}, { message: 'email must be an e-mail address' }),
    MaxLength(254),
  );
}

/** A password being chosen: 10 to 128 characters. */
export function IsNewPassword(): PropertyDecorator {
  return applyDecorators(IsString(), MinLength(10), MaxLength(MAX_PASSWORD_LENGTH));
}
