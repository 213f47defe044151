import {
  Body,
  Controller,
  HttpCode,
  HttpException,
  HttpStatus,
  Post,
  Res,
  UnauthorizedException,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { SigraSpan, SigraSpanInterceptor, SigraSpans } from '@sigra/nestjs-telemetry';
import type { ServerResponse } from 'node:http';
import { ClientIp } from '../http/client-ip.js';
import { RateLimit, RateLimitGuard } from '../security/rate-limit.guard.js';
import {
  AllowMfaPending,
  CurrentAuth,
  type AuthContext,
  type AuthenticatedRequest,
} from './auth-context.js';
import { AuthService, type PasswordFailure } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { SudoDto } from './dto/sudo.dto.js';
import { SessionGuard } from './session.guard.js';
import { SessionsService } from './sessions.service.js';

/** The answer to a refused password: 423 with `Retry-After` while locked, else 401. */
function refusal(failure: PasswordFailure, response: ServerResponse, message: string) {
  if (failure.reason === 'invalid_credentials') return new UnauthorizedException(message);
  response.setHeader('Retry-After', String(failure.retryAfter));
  return new HttpException(
    `This account is locked after too many failed logins from your address; try again in ${Math.ceil(failure.retryAfter / 60)} minutes or reset the password.`,
    HttpStatus.LOCKED,
  );
}

/** Registration, password login, password confirmation (sudo mode) and logout. */
@Controller('auth')
@UseInterceptors(SigraSpanInterceptor)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * `201 { message }`, the same whether the address was free or taken (its owner gets a mail);
   * `429` past the per-client limit.
   */
  @Post('register')
  @RateLimit('register')
  @UseGuards(RateLimitGuard)
  async register(@Body() body: RegisterDto): Promise<{ message: string }> {
    await this.auth.register(body.email, body.password);
    return { message: 'Thank you. Check your inbox, then log in.' };
  }

  /**
   * `200 { user_id, session_token, mfa_required }`; `401` wrong credentials; `423` with
   * `Retry-After` while this address and client are locked; `429` past the per-client limit.
   */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @RateLimit('login')
  @UseGuards(RateLimitGuard)
  async login(
    @Body() body: LoginDto,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) response: ServerResponse,
  ) {
    const outcome = await this.auth.login(body.email, body.password, ip);
    if (!outcome.ok) throw refusal(outcome, response, 'Invalid e-mail address or password.');
    return {
      user_id: outcome.userId,
      session_token: outcome.sessionToken,
      mfa_required: outcome.mfaRequired,
    };
  }

  /**
   * `200 { sudo_until }`: the password is confirmed, and the session may make sensitive changes
   * (MFA, backup codes, API tokens) for a few minutes; `401` wrong password; `423` locked.
   */
  @Post('sudo')
  @HttpCode(HttpStatus.OK)
  @RateLimit('sudo')
  @UseGuards(SessionGuard, RateLimitGuard)
  async sudo(
    @CurrentAuth() auth: AuthContext,
    @Body() body: SudoDto,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<{ sudo_until: string }> {
    const outcome = await this.auth.sudo(auth.session, body.password, ip);
    if (!outcome.ok) throw refusal(outcome, response, 'Wrong password.');
    return { sudo_until: new Date(outcome.sudoUntil).toISOString() };
  }

  /**
   * `204`; ends the calling session, an MFA-pending one included. Spanned here rather than in a
   * service, through the interceptor, so that the span covers the whole request.
   */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(SessionGuard)
  @AllowMfaPending()
  @SigraSpan(SigraSpans.auth.logout, {
    contextMetadata: (context) => ({
      user_id: context.switchToHttp().getRequest<AuthenticatedRequest>().auth?.userId,
    }),
    stopMetadata: () => ({ result: 'success' }),
  })
  logout(@CurrentAuth() auth: AuthContext): void {
    this.sessions.delete(auth.userId, auth.session.id);
  }
}
