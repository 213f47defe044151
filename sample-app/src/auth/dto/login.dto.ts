import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsEmailAddress, MAX_PASSWORD_LENGTH } from './credential.validators.js';

/** Body of `POST /auth/login`. */
export class LoginDto {
  @IsEmailAddress()
  email!: string;

  // No minimum length at login: a password set under older rules must still be accepted.
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}
