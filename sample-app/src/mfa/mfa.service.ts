import { Inject, Injectable } from '@nestjs/common';
import { SigraSpan, SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { generateTotpSecret, matchTotp } from '../crypto/totp.js';
import { AttemptCounter } from '../security/attempt-counter.js';
import { MFA_ATTEMPTS, MFA_LOCK_DURATION_MS } from '../security/security.constants.js';
import { USERS_REPOSITORY, type UsersRepository } from '../users/users.repository.js';

/** A started enrolment: what the authenticator app needs. */
export interface Enrollment {
  /** Base32 TOTP secret. */
  readonly secret: string;
  /** The `otpauth://` URI authenticator apps read from a QR code. */
  readonly otpauthUrl: string;
}

/** What an MFA verification came to. */
export interface VerifyOutcome {
  readonly status: 'success' | 'invalid_code' | 'locked' | 'not_enrolled';
  readonly attemptsRemaining: number;
}

/** TOTP enrolment and verification, with a lockout after `MFA_ATTEMPTS` wrong codes. */
@Injectable()
export class MfaService {
  private readonly attempts = new AttemptCounter(MFA_ATTEMPTS, MFA_LOCK_DURATION_MS);

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  /**
   * Starts TOTP enrolment: MFA is on once a first code is verified. `undefined` when MFA is
   * already on.
   */
  @SigraSpan(['sigra', 'mfa', 'enroll'], {
    metadata: (userId: number) => ({ user_id: userId }),
    stopMetadata: (enrollment: Enrollment | undefined) => ({
      result: enrollment === undefined ? 'failure' : 'success',
    }),
  })
  enroll(userId: number): Enrollment | undefined {
    const user = this.users.findById(userId);
    if (user === undefined || user.totpSecret !== undefined) return undefined;
    const secret = generateTotpSecret();
    this.users.update(userId, { pendingTotpSecret: secret });
    const label = encodeURIComponent(`Sigra sample:${user.email}`);
    return { secret, otpauthUrl: `otpauth://totp/${label}?secret=${secret}&issuer=Sigra%20sample` };
  }

  /**
   * Checks a TOTP code: confirms a pending enrolment, or passes the MFA step of a login. A code
   * is accepted once (a replayed one counts as wrong). Reports `mfa.lockout` when the last
   * attempt is spent.
   */
  @SigraSpan(['sigra', 'mfa', 'verify'], {
    metadata: (userId: number) => ({ user_id: userId, method: 'totp' }),
    stopMetadata: (outcome: VerifyOutcome) => ({
      result: outcome.status === 'success' ? 'success' : 'failure',
      attempts_remaining: outcome.attemptsRemaining,
    }),
  })
  verify(userId: number, code: string, ip: string, now = Date.now()): VerifyOutcome {
    const user = this.users.findById(userId);
    const secret = user?.totpSecret ?? user?.pendingTotpSecret;
    if (secret === undefined) return { status: 'not_enrolled', attemptsRemaining: MFA_ATTEMPTS };
    if (this.attempts.isLocked(userId, now)) return { status: 'locked', attemptsRemaining: 0 };
    const step = matchTotp(secret, code, now);
    if (step === undefined || step <= (user?.lastTotpStep ?? -1)) {
      const { lockedNow, remaining } = this.attempts.fail(userId, now);
      if (lockedNow) this.telemetry.event(['sigra', 'mfa', 'lockout'], {}, { user_id: userId, ip });
      return { status: lockedNow ? 'locked' : 'invalid_code', attemptsRemaining: remaining };
    }
    this.attempts.reset(userId);
    this.users.update(userId, {
      totpSecret: secret,
      pendingTotpSecret: undefined,
      lastTotpStep: step,
    });
    return { status: 'success', attemptsRemaining: MFA_ATTEMPTS };
  }
}
