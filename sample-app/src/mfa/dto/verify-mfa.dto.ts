import { IsString, Matches } from 'class-validator';

/** Body of `POST /mfa/verify`. */
export class VerifyMfaDto {
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits shown by the authenticator app' })
  code!: string;
}
