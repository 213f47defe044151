import { IsString, Length } from 'class-validator';
import { IsNewPassword } from '../../auth/dto/credential.validators.js';

/** Body of `POST /password-reset/complete`. */
export class CompleteResetDto {
  @IsString()
  @Length(1, 100)
  token!: string;

  @IsNewPassword()
  password!: string;
}
