import { IsEmailAddress } from '../../auth/dto/credential.validators.js';

/** Body of `POST /password-reset/request`. */
export class RequestResetDto {
  @IsEmailAddress()
  email!: string;
}
