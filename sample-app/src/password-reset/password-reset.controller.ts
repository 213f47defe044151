import { BadRequestException, Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CompleteResetDto } from './dto/complete-reset.dto.js';
import { RequestResetDto } from './dto/request-reset.dto.js';
import { PasswordResetService } from './password-reset.service.js';

/** Password reset by e-mail. */
@Controller('password-reset')
export class PasswordResetController {
  constructor(private readonly reset: PasswordResetService) {}

  /** `202`, whether or not the address is registered (the answer must not tell). */
  @Post('request')
  @HttpCode(HttpStatus.ACCEPTED)
  request(@Body() body: RequestResetDto): { message: string } {
    this.reset.request(body.email);
    return { message: 'If this address is registered, a reset link is on its way.' };
  }

  /** `200`; `400` for an unknown, used or expired token. */
  @Post('complete')
  @HttpCode(HttpStatus.OK)
  async complete(@Body() body: CompleteResetDto): Promise<{ message: string }> {
    if (!(await this.reset.complete(body.token, body.password))) {
      throw new BadRequestException('This reset link is invalid or has expired.');
    }
    return { message: 'Password changed; every session was signed out.' };
  }
}
