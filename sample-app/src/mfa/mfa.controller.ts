import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  HttpCode,
  HttpException,
  HttpStatus,
  Post,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { AllowMfaPending, CurrentAuth, type AuthContext } from '../auth/auth-context.js';
import { SessionGuard } from '../auth/session.guard.js';
import { SessionsService } from '../auth/sessions.service.js';
import { ClientIp } from '../http/client-ip.js';
import { VerifyMfaDto } from './dto/verify-mfa.dto.js';
import { MfaService } from './mfa.service.js';

/** TOTP enrolment and verification for the calling user. */
@Controller('mfa')
@UseGuards(SessionGuard)
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly sessions: SessionsService,
  ) {}

  /** `201 { secret, otpauth_url }`; `409` when MFA is already on. */
  @Post('enroll')
  enroll(@CurrentAuth() auth: AuthContext): { secret: string; otpauth_url: string } {
    const enrollment = this.mfa.enroll(auth.userId);
    if (enrollment === undefined) throw new ConflictException('MFA is already enabled.');
    return { secret: enrollment.secret, otpauth_url: enrollment.otpauthUrl };
  }

  /**
   * `200 { result: 'success' }`, and an `mfa_pending` session becomes a full one; `401` with
   * `attempts_remaining` for a wrong code; `423` when locked; `400` when not enrolled.
   */
  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @AllowMfaPending()
  verify(@CurrentAuth() auth: AuthContext, @Body() body: VerifyMfaDto, @ClientIp() ip: string) {
    const outcome = this.mfa.verify(auth.userId, body.code, ip);
    switch (outcome.status) {
      case 'success':
        if (auth.session.type === 'mfa_pending') this.sessions.promote(auth.session);
        return { result: 'success' };
      case 'invalid_code':
        throw new UnauthorizedException({
          statusCode: HttpStatus.UNAUTHORIZED,
          message: 'Invalid or already used code.',
          attempts_remaining: outcome.attemptsRemaining,
        });
      case 'locked':
        throw new HttpException(
          'Too many wrong codes; MFA verification is locked for 15 minutes.',
          HttpStatus.LOCKED,
        );
      case 'not_enrolled':
        throw new BadRequestException('MFA is not set up; start with POST /mfa/enroll.');
    }
  }
}
