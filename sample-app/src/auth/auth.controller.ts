import {
  Body,
  Controller,
  HttpCode,
  HttpException,
  HttpStatus,
  Post,
  UnauthorizedException,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { SigraSpan, SigraSpanInterceptor } from '@sigra/nestjs-telemetry';
import { ClientIp } from '../http/client-ip.js';
import { LoginRateLimitGuard } from '../security/login-rate-limit.guard.js';
import { CurrentAuth, type AuthContext } from './auth-context.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { RegisterDto } from './dto/register.dto.js';
import { SessionGuard } from './session.guard.js';
import { SessionsService } from './sessions.service.js';

/** Registration, password login and logout. */
@Controller('auth')
@UseInterceptors(SigraSpanInterceptor)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  /** `201 { id, email }`; `409` when the address is taken. */
  @Post('register')
  async register(@Body() body: RegisterDto): Promise<{ id: number; email: string }> {
    const user = await this.auth.register(body.email, body.password);
    return { id: user.id, email: user.email };
  }

  /** `200 { user_id, session_token, mfa_required }`; `401` wrong credentials; `423` locked. */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseGuards(LoginRateLimitGuard)
  async login(@Body() body: LoginDto, @ClientIp() ip: string) {
    const outcome = await this.auth.login(body.email, body.password, ip);
    if (outcome.ok) {
      return {
        user_id: outcome.userId,
        session_token: outcome.sessionToken,
        mfa_required: outcome.mfaRequired,
      };
    }
    if (outcome.reason === 'locked') {
      throw new HttpException(
        'This account is locked after too many failed logins; reset the password or try again in 15 minutes.',
        HttpStatus.LOCKED,
      );
    }
    throw new UnauthorizedException('Invalid e-mail address or password.');
  }

  /**
   * `204`; ends the calling session. Spanned here rather than in a service, through the
   * interceptor, so that the span covers the whole request.
   */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(SessionGuard)
  @SigraSpan(['sigra', 'auth', 'logout'])
  logout(@CurrentAuth() auth: AuthContext): void {
    this.sessions.delete(auth.userId, auth.session.id);
  }
}
