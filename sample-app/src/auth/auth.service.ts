import { Inject, Injectable } from '@nestjs/common';
import {
  SigraSignals,
  SigraSpan,
  SigraSpans,
  SigraTelemetryService,
} from '@sigra/nestjs-telemetry';
import { hashPassword, needsRehash, verifyPassword } from '../crypto/password-hash.js';
import { randomToken } from '../crypto/random-token.js';
import { MAILER, type Mailer } from '../mail/mailer.js';
import { AccountLockoutService } from '../security/account-lockout.service.js';
import { SuspiciousLoginService } from '../security/suspicious-login.service.js';
import type { User } from '../users/user.entity.js';
import { USERS_REPOSITORY, type UsersRepository } from '../users/users.repository.js';
import type { Session } from './session.entity.js';
import { SessionsService } from './sessions.service.js';

/** What a registration came to; the caller answers the same either way. */
export interface RegisterOutcome {
  /** False when the address was taken (its owner was told by mail). */
  readonly created: boolean;
  /** The new account, or the one that already had the address. */
  readonly userId: number;
}

/** Why a password check failed: a wrong password (or unknown address), or a locked pair. */
export type PasswordFailure =
  | { readonly ok: false; readonly reason: 'invalid_credentials'; readonly userId?: number }
  | {
      readonly ok: false;
      readonly reason: 'locked';
      readonly userId?: number;
      /** Seconds until the (address, client) pair may try again. */
      readonly retryAfter: number;
    };

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
  | PasswordFailure;

/** What a password confirmation (sudo mode) came to. */
export type SudoOutcome =
  { readonly ok: true; readonly userId: number; readonly sudoUntil: number } | PasswordFailure;

/** What `checkPassword` found. */
type PasswordCheck = { readonly ok: true; readonly user: User } | PasswordFailure;

/** Registration, password login and password confirmation. */
@Injectable()
export class AuthService {
  /** Checked against when the e-mail is unknown, so that the response time does not tell. */
  private readonly decoyHash = hashPassword(randomToken());

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly sessions: SessionsService,
    private readonly lockout: AccountLockoutService,
    private readonly suspiciousLogins: SuspiciousLoginService,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  /**
   * Creates a user, or tells the owner of a taken address by mail: the same work and the same
   * answer either way, so that registering does not reveal who has an account.
   */
  @SigraSpan(SigraSpans.auth.register, {
    stopMetadata: (outcome: RegisterOutcome) => ({
      user_id: outcome.userId,
      result: outcome.created ? 'success' : 'failure',
    }),
  })
  async register(email: string, password: string): Promise<RegisterOutcome> {
    const user = this.users.create(email, await hashPassword(password));
    if (user !== undefined) {
      this.mailer.send({
        to: user.email,
        subject: 'Welcome',
        text: 'Your account is ready: log in with your e-mail address and password.',
      });
      return { created: true, userId: user.id };
    }
    const owner = this.users.findByEmail(email)!;
    this.mailer.send({
      to: owner.email,
      subject: 'Someone tried to register with your address',
      text: 'You already have an account. If you forgot its password, ask for a reset link.',
    });
    return { created: false, userId: owner.id };
  }

  /**
   * Checks a password login from `ip` and opens a session. Failures are outcomes, not errors, so
   * the span stops for them too (with `user_id` when the address has an account).
   */
  @SigraSpan(SigraSpans.auth.login, {
    stopMetadata: (outcome: LoginOutcome) =>
      outcome.ok
        ? {
            user_id: outcome.userId,
            failed_attempts_before: outcome.failedAttemptsBefore,
            result: 'success',
          }
        : {
            ...(outcome.userId === undefined ? {} : { user_id: outcome.userId }),
            result: 'failure',
          },
  })
  async login(email: string, password: string, ip: string): Promise<LoginOutcome> {
    const check = await this.checkPassword(email, password, ip);
    if (!check.ok) return check;
    const { user } = check;
    const failedAttemptsBefore = this.lockout.recordSuccess(email, ip);
    if (needsRehash(user.passwordHash)) await this.rehash(user, password);
    this.suspiciousLogins.check(user.id, ip);
    const mfaRequired = user.totpSecret !== undefined;
    const { token } = this.sessions.create(user.id, mfaRequired ? 'mfa_pending' : 'standard', ip);
    return { ok: true, userId: user.id, sessionToken: token, mfaRequired, failedAttemptsBefore };
  }

  /**
   * Confirms the password of the user of `session` from `ip`, putting the session in sudo mode
   * for a few minutes. Wrong passwords count towards the same lock as failed logins.
   */
  @SigraSpan(SigraSpans.session.sudo, {
    metadata: (session: Session) => ({ user_id: session.userId }),
    stopMetadata: (outcome: SudoOutcome) => ({ result: outcome.ok ? 'success' : 'failure' }),
  })
  async sudo(session: Session, password: string, ip: string): Promise<SudoOutcome> {
    const email = this.users.findById(session.userId)?.email ?? '';
    const check = await this.checkPassword(email, password, ip);
    if (!check.ok) return check;
    this.lockout.recordSuccess(email, ip);
    return { ok: true, userId: session.userId, sudoUntil: this.sessions.grantSudo(session) };
  }

  /**
   * Checks `password` for `email` from `ip`: refused at once while the pair is locked (reported
   * as `security.rate_limited`), else hashed whether or not the address has an account, so that
   * neither the answer nor its timing tells.
   */
  private async checkPassword(email: string, password: string, ip: string): Promise<PasswordCheck> {
    const user = this.users.findByEmail(email);
    const lockedFor = this.lockout.lockedForSeconds(email, ip);
    if (lockedFor > 0) {
      this.telemetry.event(
        SigraSignals.security.rateLimited,
        { count: 1 },
        { ip, key_prefix: 'login_account', retry_after: lockedFor },
      );
      return { ok: false, reason: 'locked', userId: user?.id, retryAfter: lockedFor };
    }
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (user !== undefined && valid) return { ok: true, user };
    this.telemetry.event(SigraSignals.security.invalidCredentials, {}, { ip });
    const retryAfter = this.lockout.recordFailure(email, ip, user);
    return retryAfter > 0
      ? { ok: false, reason: 'locked', userId: user?.id, retryAfter }
      : { ok: false, reason: 'invalid_credentials', userId: user?.id };
  }

  /** Re-hashes a password stored with older scrypt parameters, reporting `auth.hash_upgraded`. */
  private async rehash(user: User, password: string): Promise<void> {
    this.users.update(user.id, { passwordHash: await hashPassword(password) });
    this.telemetry.event(SigraSignals.uncatalogued.authHashUpgraded, {}, { user_id: user.id });
  }
}
