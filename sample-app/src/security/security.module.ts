import { Module } from '@nestjs/common';
import { AccountLockoutService } from './account-lockout.service.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { LoginRateLimitService } from './login-rate-limit.service.js';
import { DEFAULT_LOGIN_RATE_LIMIT, LOGIN_RATE_LIMIT } from './security.constants.js';
import { SuspiciousLoginService } from './suspicious-login.service.js';

/** Login protections: rate limit per IP, account lockout, suspicious-login detection. */
@Module({
  providers: [
    { provide: LOGIN_RATE_LIMIT, useValue: DEFAULT_LOGIN_RATE_LIMIT },
    LoginRateLimitService,
    LoginRateLimitGuard,
    AccountLockoutService,
    SuspiciousLoginService,
  ],
  exports: [
    LoginRateLimitService,
    LoginRateLimitGuard,
    AccountLockoutService,
    SuspiciousLoginService,
  ],
})
export class SecurityModule {}
