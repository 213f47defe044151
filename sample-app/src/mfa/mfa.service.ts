import { Inject, Injectable } from '@nestjs/common';
import {
  SigraSignals,
  SigraSpan,
  SigraSpans,
  SigraTelemetryService,
} from '@sigra/nestjs-telemetry';
import { CLOCK, type Clock } from '../clock/clock.js';
import {
  BACKUP_CODE_PATTERN,
  generateBackupCodes,
  normaliseBackupCode,
} from '../crypto/backup-codes.js';
import { hashToken } from '../crypto/random-token.js';
import { generateTotpSecret, matchTotp } from '../crypto/totp.js';
import { MAILER, type Mailer } from '../mail/mailer.js';
import { FailureThrottle } from '../security/failure-throttle.js';
import {
  MAX_LOCKOUT_MS,
  MFA_ATTEMPTS,
  MFA_LOCK_DURATION_MS,
} from '../security/security.constants.js';
import type { User } from '../users/user.entity.js';
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
  readonly method: 'totp' | 'backup_code';
  readonly attemptsRemaining: number;
  /** Unused backup codes left, after a backup code was accepted. */
  readonly backupCodesLeft?: number;
}

/** How a code is checked, from its shape. */
function methodOf(code: string): VerifyOutcome['method'] {
  return BACKUP_CODE_PATTERN.test(code) ? 'backup_code' : 'totp';
}

/**
 * TOTP enrolment and verification, single-use backup codes, and disabling MFA. Wrong codes lock
 * verification after `MFA_ATTEMPTS`, for longer after each lock.
 */
@Injectable()
export class MfaService {
  private readonly attempts = new FailureThrottle<number>({
    threshold: MFA_ATTEMPTS,
    lockMs: MFA_LOCK_DURATION_MS,
    maxLockMs: MAX_LOCKOUT_MS,
  });

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  /**
   * Starts TOTP enrolment: MFA is on once a first code is verified. `undefined` when MFA is
   * already on.
   */
  @SigraSpan(SigraSpans.mfa.enroll, {
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
   * Checks a TOTP code (confirming a pending enrolment, or passing the MFA step of a login) or a
   * backup code (once MFA is on). Each code is accepted once: a replayed TOTP code or a spent
   * backup code counts as wrong. Reports `mfa.lockout`, and tells the user, when the last
   * attempt is spent.
   */
  @SigraSpan(SigraSpans.mfa.verify, {
    metadata: (userId: number, code: string) => ({ user_id: userId, method: methodOf(code) }),
    stopMetadata: (outcome: VerifyOutcome) => ({
      result: outcome.status === 'success' ? 'success' : 'failure',
      attempts_remaining: outcome.attemptsRemaining,
    }),
  })
  verify(userId: number, code: string, ip: string): VerifyOutcome {
    const method = methodOf(code);
    const now = this.clock.now();
    const user = this.users.findById(userId);
    const secret = user?.totpSecret ?? user?.pendingTotpSecret;
    if (
      user === undefined ||
      secret === undefined ||
      (method === 'backup_code' && !user.totpSecret)
    )
      return { status: 'not_enrolled', method, attemptsRemaining: MFA_ATTEMPTS };
    if (this.attempts.lockedForMs(userId, now) > 0)
      return { status: 'locked', method, attemptsRemaining: 0 };
    const accepted =
      method === 'totp'
        ? this.acceptTotp(user, secret, code, now)
        : this.acceptBackupCode(user, code);
    if (!accepted) {
      const { lockedNow, remaining } = this.attempts.fail(userId, now);
      if (lockedNow) this.reportLockout(user, ip);
      return {
        status: lockedNow ? 'locked' : 'invalid_code',
        method,
        attemptsRemaining: remaining,
      };
    }
    this.attempts.reset(userId, now);
    return {
      status: 'success',
      method,
      attemptsRemaining: MFA_ATTEMPTS,
      backupCodesLeft: method === 'backup_code' ? user.backupCodeHashes!.length : undefined,
    };
  }

  /**
   * Replaces the user's backup codes with fresh ones and returns them (the only time they are
   * shown); `undefined` when MFA is off.
   */
  @SigraSpan(SigraSpans.mfa.backupCodesRegenerate, {
    metadata: (userId: number) => ({ user_id: userId }),
    stopMetadata: (codes: string[] | undefined) => ({
      result: codes === undefined ? 'failure' : 'success',
    }),
  })
  regenerateBackupCodes(userId: number): string[] | undefined {
    if (this.users.findById(userId)?.totpSecret === undefined) return undefined;
    const codes = generateBackupCodes();
    this.users.update(userId, {
      backupCodeHashes: codes.map((code) => hashToken(normaliseBackupCode(code))),
    });
    return codes;
  }

  /** Turns MFA off for the user, backup codes included; false when it was off. */
  @SigraSpan(SigraSpans.mfa.disable, {
    metadata: (userId: number) => ({ user_id: userId }),
    // The user disabled it, not an administrator.
    stopMetadata: (disabled: boolean) => ({
      admin: false,
      result: disabled ? 'success' : 'failure',
    }),
  })
  disable(userId: number): boolean {
    if (this.users.findById(userId)?.totpSecret === undefined) return false;
    this.users.update(userId, {
      totpSecret: undefined,
      pendingTotpSecret: undefined,
      lastTotpStep: undefined,
      backupCodeHashes: undefined,
    });
    return true;
  }

  /** Accepts a TOTP code not used before, confirming a pending enrolment. */
  private acceptTotp(user: User, secret: string, code: string, now: number): boolean {
    const step = matchTotp(secret, code, now);
    if (step === undefined || step <= (user.lastTotpStep ?? -1)) return false;
    this.users.update(user.id, {
      totpSecret: secret,
      pendingTotpSecret: undefined,
      lastTotpStep: step,
    });
    return true;
  }

  /** Accepts an unused backup code, spending it. */
  private acceptBackupCode(user: User, code: string): boolean {
    const hash = hashToken(normaliseBackupCode(code));
    const left = user.backupCodeHashes ?? [];
    if (!left.includes(hash)) return false;
    this.users.update(user.id, {
      backupCodeHashes: left.filter((candidate) => candidate !== hash),
    });
    return true;
  }

  private reportLockout(user: User, ip: string): void {
    this.telemetry.event(SigraSignals.mfa.lockout, {}, { user_id: user.id, ip });
    this.mailer.send({
      to: user.email,
      subject: 'MFA verification locked',
      text:
        `${MFA_ATTEMPTS} wrong codes in a row were entered for your account from ${ip}, so ` +
        'someone may know your password: reset it if this was not you.',
    });
  }
}
