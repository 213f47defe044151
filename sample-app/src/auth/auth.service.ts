import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { SigraSpan, SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { hashPassword, verifyPassword } from '../crypto/password-hash.js';
import { randomToken } from '../crypto/random-token.js';
import { AccountLockoutService } from '../security/account-lockout.service.js';
import { SuspiciousLoginService } from '../security/suspicious-login.service.js';
import type { User } from '../users/user.entity.js';
import { USERS_REPOSITORY, type UsersRepository } from '../users/users.repository.js';
import { SessionsService } from './sessions.service.js';

/** What a password login came to. */
export type LoginOutcome =
  | {
      readonly ok: true;
      readonly userId: number;
      readonly sessionToken: string;
      /** The session is `mfa_pending` until `POST /mfa/verify` succeeds. */
      readonly mfaRequired: boolean;
      readonly failedAttemptsBefore: number;
    }
  | { readonly ok: false; readonly reason: 'invalid_credentials' | 'locked' };

/** Registration and password login. */
@Injectable()
export class AuthService {
  /** Checked against when the e-mail is unknown, so that the response time does not tell. */
  private readonly decoyHash = hashPassword(randomToken());

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly lockout: AccountLockoutService,
    private readonly suspiciousLogins: SuspiciousLoginService,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  /** Creates a user; 409 when the e-mail address is taken. */
  @SigraSpan(['sigra', 'auth', 'register'], {
    stopMetadata: (user: User) => ({ user_id: user.id }),
  })
  async register(email: string, password: string): Promise<User> {
    const user = this.users.create(email, await hashPassword(password));
    if (user === undefined)
      throw new ConflictException('This e-mail address is already registered.');
    return user;
  }

  /**
   * Checks a password login from `ip` and opens a session. Failures are outcomes, not errors, so
   * the span stops (without `user_id`) for them too.
   */
  @SigraSpan(['sigra', 'auth', 'login'], {
    stopMetadata: (outcome: LoginOutcome) =>
      outcome.ok
        ? { user_id: outcome.userId, failed_attempts_before: outcome.failedAttemptsBefore }
        : { result: 'failure' },
  })
  async login(email: string, password: string, ip: string): Promise<LoginOutcome> {
    const user = this.users.findByEmail(email);
    if (user === undefined) {
      await verifyPassword(password, await this.decoyHash);
      return this.invalidCredentials(ip);
    }
    if (this.lockout.isLocked(user.id)) return { ok: false, reason: 'locked' };
    if (!(await verifyPassword(password, user.passwordHash))) {
      const outcome = this.invalidCredentials(ip);
      return this.lockout.recordFailure(user.id, ip) ? { ok: false, reason: 'locked' } : outcome;
    }
    const failedAttemptsBefore = this.lockout.clear(user.id);
    this.suspiciousLogins.check(user.id, ip);
    const mfaRequired = user.totpSecret !== undefined;
    const { token } = this.sessions.create(user.id, mfaRequired ? 'mfa_pending' : 'standard');
    return { ok: true, userId: user.id, sessionToken: token, mfaRequired, failedAttemptsBefore };
  }

  /** Reports the failure, with the client's address but not which of e-mail and password was wrong. */
  private invalidCredentials(ip: string): LoginOutcome {
    this.telemetry.event(['sigra', 'security', 'invalid_credentials'], {}, { ip });
    return { ok: false, reason: 'invalid_credentials' };
  }
}
