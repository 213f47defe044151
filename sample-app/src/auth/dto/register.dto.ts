import { IsEmailAddress, IsNewPassword } from './credential.validators.js';

/** Body of `POST /auth/register`. */
export class RegisterDto {
  @IsEmailAddress()
  email!: string;

  @IsNewPassword()
  password!: string;
}
