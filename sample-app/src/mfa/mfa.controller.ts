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
import { SudoGuard } from '../auth/sudo.guard.js';
import { ClientIp } from '../http/client-ip.js';
import { RateLimit, RateLimitGuard } from '../security/rate-limit.guard.js';
import { VerifyMfaDto } from './dto/verify-mfa.dto.js';
import { MfaService } from './mfa.service.js';

/** TOTP enrolment, verification, backup codes and disabling, for the calling user. */
@Controller('mfa')
@UseGuards(SessionGuard)
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly sessions: SessionsService,
  ) {}

  /** `201 { secret, otpauth_url }`; `409` when MFA is already on; `403` outside sudo mode. */
  @Post('enroll')
  @UseGuards(SudoGuard)
  enroll(@CurrentAuth() auth: AuthContext): { secret: string; otpauth_url: string } {
    const enrollment = this.mfa.enroll(auth.userId);
    if (enrollment === undefined) throw new ConflictException('MFA is already enabled.');
    return { secret: enrollment.secret, otpauth_url: enrollment.otpauthUrl };
  }

  /**
   * `200 { result: 'success' }`. An `mfa_pending` session is replaced by a full one, whose token
   * comes as `session_token`; a backup code adds `backup_codes_left`. `401` with
   * `attempts_remaining` for a wrong code; `423` when locked (an `mfa_pending` session is then
   * ended); `400` when not enrolled; `429` past the per-client limit.
   */
  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @AllowMfaPending()
  @RateLimit('mfa_verify')
  @UseGuards(RateLimitGuard)
  verify(@CurrentAuth() auth: AuthContext, @Body() body: VerifyMfaDto, @ClientIp() ip: string) {
    const outcome = this.mfa.verify(auth.userId, body.code, ip);
    const pending = auth.session.type === 'mfa_pending';
    switch (outcome.status) {
      case 'success':
        return {
          result: 'success',
          session_token: pending ? this.sessions.promote(auth.session).token : undefined,
          backup_codes_left: outcome.backupCodesLeft,
        };
      case 'invalid_code':
        throw new UnauthorizedException({
          statusCode: HttpStatus.UNAUTHORIZED,
          message: 'Invalid or already used code.',
          attempts_remaining: outcome.attemptsRemaining,
        });
      case 'locked':
        // Whoever holds this pending session has the password but not the second factor.
        if (pending) this.sessions.delete(auth.userId, auth.session.id);
        throw new HttpException(
          'Too many wrong codes; MFA verification is locked for a while.',
          HttpStatus.LOCKED,
        );
      case 'not_enrolled':
        throw new BadRequestException('MFA is not set up; start with POST /mfa/enroll.');
    }
  }

  /**
   * `201 { backup_codes }`: ten fresh single-use codes, replacing any earlier ones (the only time
   * they are shown); `400` when MFA is off; `403` outside sudo mode.
   */
  @Post('backup-codes')
  @UseGuards(SudoGuard)
  regenerateBackupCodes(@CurrentAuth() auth: AuthContext): { backup_codes: string[] } {
    const codes = this.mfa.regenerateBackupCodes(auth.userId);
    if (codes === undefined) throw new BadRequestException('MFA is not enabled.');
    return { backup_codes: codes };
  }

  /** `204`: MFA is off, backup codes included; `400` when it was off; `403` outside sudo mode. */
  @Post('disable')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(SudoGuard)
  disable(@CurrentAuth() auth: AuthContext): void {
    if (!this.mfa.disable(auth.userId)) throw new BadRequestException('MFA is not enabled.');
  }
}
