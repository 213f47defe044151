import { IsString, Matches } from 'class-validator';
import { BACKUP_CODE_PATTERN } from '../../crypto/backup-codes.js';

/** Body of `POST /mfa/verify`. */
export class VerifyMfaDto {
  /** The authenticator app's current code, or one of the user's backup codes. */
  @IsString()
  @Matches(new RegExp(`^\\d{6}$|${BACKUP_CODE_PATTERN.source}`, 'i'), {
    message: 'code must be the 6 digits shown by the authenticator app, or a backup code',
  })
  code!: string;
}
