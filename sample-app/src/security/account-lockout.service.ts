import { Injectable } from '@nestjs/common';
import { SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { AttemptCounter } from './attempt-counter.js';
import { LOCKOUT_DURATION_MS, LOCKOUT_THRESHOLD } from './security.constants.js';

/**
 * Counts failed password logins per user and locks the account at `LOCKOUT_THRESHOLD`,
 * reporting `security.lockout`.
 */
@Injectable()
export class AccountLockoutService {
  private readonly attempts = new AttemptCounter(LOCKOUT_THRESHOLD, LOCKOUT_DURATION_MS);

  constructor(private readonly telemetry: SigraTelemetryService) {}

  /** True while the account is locked. */
  isLocked(userId: number): boolean {
    return this.attempts.isLocked(userId);
  }

  /** Records a failed login from `ip`; returns true when this failure locked the account. */
  recordFailure(userId: number, ip: string): boolean {
    const { lockedNow } = this.attempts.fail(userId);
    if (lockedNow) {
      this.telemetry.event(
        ['sigra', 'security', 'lockout'],
        {},
        { user_id: userId, ip, reason: 'threshold_reached' },
      );
    }
    return lockedNow;
  }

  /** Forgets the failures (successful login, password reset); returns how many there were. */
  clear(userId: number): number {
    return this.attempts.reset(userId);
  }
}
