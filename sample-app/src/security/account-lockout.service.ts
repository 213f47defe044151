import { Inject, Injectable } from '@nestjs/common';
import { SigraSignals, SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { CLOCK, type Clock } from '../clock/clock.js';
import { clientKey } from '../http/client-ip.js';
import { MAILER, type Mailer } from '../mail/mailer.js';
import type { User } from '../users/user.entity.js';
import { FailureThrottle } from './failure-throttle.js';
import { LOCKOUT_DURATION_MS, LOCKOUT_THRESHOLD, MAX_LOCKOUT_MS } from './security.constants.js';

/**
 * Counts failed password checks per (e-mail address, client address) and locks that pair at
 * `LOCKOUT_THRESHOLD`, for twice as long after each lock. Keyed by the address typed, registered
 * or not, so that a lock looks the same for both; keyed by client too, so that a stranger's
 * guesses do not lock the owner out. Reports `security.lockout` and tells the owner by mail.
 */
@Injectable()
export class AccountLockoutService {
  private readonly throttle = new FailureThrottle<string>({
    threshold: LOCKOUT_THRESHOLD,
    lockMs: LOCKOUT_DURATION_MS,
    maxLockMs: MAX_LOCKOUT_MS,
  });

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  /** Seconds (rounded up) the pair stays locked; 0 when it is not locked. */
  lockedForSeconds(email: string, ip: string): number {
    return Math.ceil(this.throttle.lockedForMs(pairKey(email, ip), this.clock.now()) / 1000);
  }

  /**
   * Records a failed password check of `email` from `ip` (`user`: its account, if it has one).
   * Returns the seconds the pair is now locked for, 0 when this failure did not lock it.
   */
  recordFailure(email: string, ip: string, user: User | undefined): number {
    const { lockedNow, lockedForMs } = this.throttle.fail(pairKey(email, ip), this.clock.now());
    if (!lockedNow || user === undefined) return Math.ceil(lockedForMs / 1000);
    this.telemetry.event(
      SigraSignals.security.lockout,
      {},
      { user_id: user.id, ip, reason: 'threshold_reached' },
    );
    this.mailer.send({
      to: user.email,
      subject: 'Failed logins to your account',
      text:
        `${LOCKOUT_THRESHOLD} wrong passwords in a row were tried for your account from ${ip}; ` +
        `logins from there are paused for ${lockedForMs / 60_000} minutes. If this was not you, ` +
        'nothing is needed, though a longer password never hurts.',
    });
    return lockedForMs / 1000;
  }

  /** Forgets the pair's failures (a successful login); returns how many there were. */
  recordSuccess(email: string, ip: string): number {
    return this.throttle.reset(pairKey(email, ip), this.clock.now());
  }

  /** Lifts every lock on `email` (its password was reset). */
  clear(email: string): void {
    const prefix = pairKey(email, '');
    this.throttle.resetWhere((key) => key.startsWith(prefix));
  }
}

/** The throttle key of an e-mail address and a client address. */
function pairKey(email: string, ip: string): string {
  return `${email}\n${ip === '' ? '' : clientKey(ip)}`;
}
