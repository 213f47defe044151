import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ClientIp } from '../http/client-ip.js';
import { RateLimit, RateLimitGuard } from '../security/rate-limit.guard.js';
import { CompleteResetDto } from './dto/complete-reset.dto.js';
import { RequestResetDto } from './dto/request-reset.dto.js';
import { PasswordResetService } from './password-reset.service.js';

/** Password reset by e-mail. */
@Controller('password-reset')
export class PasswordResetController {
  constructor(private readonly reset: PasswordResetService) {}

  /**
   * `202`, whether or not the address is registered, before anything is looked up (the answer
   * and its timing must not tell); `429` past the per-client limit.
   */
  @Post('request')
  @HttpCode(HttpStatus.ACCEPTED)
  @RateLimit('reset_request')
  @UseGuards(RateLimitGuard)
  request(@Body() body: RequestResetDto, @ClientIp() ip: string): { message: string } {
    this.reset.requestAfterResponse(body.email, ip);
    return { message: 'If this address is registered, a reset link is on its way.' };
  }

  /** `200`; `400` for an unknown, used or expired token. */
  @Post('complete')
  @HttpCode(HttpStatus.OK)
  async complete(@Body() body: CompleteResetDto): Promise<{ message: string }> {
    if (!(await this.reset.complete(body.token, body.password))) {
      throw new BadRequestException('This reset link is invalid or has expired.');
    }
    return { message: 'Password changed; every session and API token was signed out.' };
  }
}
