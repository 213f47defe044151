import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { AccountLockoutService } from './account-lockout.service.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RateLimitService } from './rate-limit.service.js';
import {
  DEFAULT_LOGIN_RATE_LIMIT,
  DEFAULT_RATE_LIMITS,
  LOGIN_RATE_LIMIT,
  RATE_LIMITS,
  type LoginRateLimitOptions,
} from './security.constants.js';
import { SuspiciousLoginService } from './suspicious-login.service.js';

/** Protections: per-client rate limits, login lockout, suspicious-login detection. */
@Module({
  imports: [MailModule],
  providers: [
    { provide: LOGIN_RATE_LIMIT, useValue: DEFAULT_LOGIN_RATE_LIMIT },
    {
      provide: RATE_LIMITS,
      useFactory: (login: LoginRateLimitOptions) => ({ ...DEFAULT_RATE_LIMITS, login }),
      inject: [LOGIN_RATE_LIMIT],
    },
    RateLimitService,
    RateLimitGuard,
    AccountLockoutService,
    SuspiciousLoginService,
  ],
  exports: [RateLimitService, RateLimitGuard, AccountLockoutService, SuspiciousLoginService],
})
export class SecurityModule {}
