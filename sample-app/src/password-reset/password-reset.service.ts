import { Inject, Injectable, Logger } from '@nestjs/common';
import { SigraSignals, SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { ApiTokensService } from '../api-tokens/api-tokens.service.js';
import { SessionsService } from '../auth/sessions.service.js';
import { CLOCK, type Clock } from '../clock/clock.js';
import { hashPassword } from '../crypto/password-hash.js';
import { hashToken, randomToken } from '../crypto/random-token.js';
import { MAILER, type Mailer } from '../mail/mailer.js';
import { AccountLockoutService } from '../security/account-lockout.service.js';
import { RateLimitService } from '../security/rate-limit.service.js';
import { USERS_REPOSITORY, type UsersRepository } from '../users/users.repository.js';

/** How long a reset link stays valid. */
const RESET_TOKEN_TTL_MS = 30 * 60_000;

/**
 * Password reset by e-mailed single-use token; only the token's hash is stored. A new request
 * leaves earlier links valid, so that nobody can spoil the owner's link by asking again.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);
  private readonly pending = new Map<string, { userId: number; expiresAt: number }>();

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: SessionsService,
    private readonly apiTokens: ApiTokensService,
    private readonly lockout: AccountLockoutService,
    private readonly rateLimit: RateLimitService,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  /**
   * Handles a reset request for `email` from `ip` after the current response is sent, so that
   * its timing cannot tell whether the address is registered.
   */
  requestAfterResponse(email: string, ip: string): void {
    setImmediate(() => {
      try {
        this.request(email, ip);
      } catch (error) {
        this.logger.error('A password reset request failed.', error);
      }
    });
  }

  /**
   * Mails a reset link if the address is registered, or a note saying that no account uses it:
   * one message either way (at most `reset_email` per address and hour).
   */
  request(email: string, ip: string): void {
    if (this.rateLimit.consume('reset_email', ip, email) !== undefined) return;
    // Made for both cases, so that both take the same work.
    const token = randomToken();
    const tokenHash = hashToken(token);
    const user = this.users.findByEmail(email);
    if (user === undefined) {
      this.mailer.send({
        to: email,
        subject: 'Password reset requested',
        text: 'Someone asked to reset the password of an account with this address, but there is none. If it was not you, ignore this message.',
      });
      return;
    }
    this.forgetExpired();
    this.pending.set(tokenHash, {
      userId: user.id,
      expiresAt: this.clock.now() + RESET_TOKEN_TTL_MS,
    });
    this.mailer.send({
      to: user.email,
      subject: 'Reset your password',
      // In the fragment, which browsers never send: the token stays out of server and proxy logs
      // and `Referer` headers; the page posts it to `POST /password-reset/complete`.
      text: `Reset your password within 30 minutes: /password-reset#token=${token}`,
    });
    this.telemetry.event(SigraSignals.reset.requested, {}, { user_id: user.id });
  }

  /**
   * Sets a new password with a reset token; every link of the user is then spent. Also lifts
   * every login lock of the account and ends every session and API token, in case an attacker
   * holds one. False for an unknown or expired token.
   */
  async complete(token: string, password: string): Promise<boolean> {
    const entry = this.pending.get(hashToken(token));
    if (entry === undefined || entry.expiresAt <= this.clock.now()) return false;
    const user = this.users.findById(entry.userId);
    if (user === undefined) return false;
    for (const [hash, other] of this.pending) {
      if (other.userId === user.id) this.pending.delete(hash);
    }
    this.users.update(user.id, { passwordHash: await hashPassword(password) });
    this.lockout.clear(user.email);
    this.sessions.revokeAll(user.id);
    this.apiTokens.revokeAll(user.id);
    this.telemetry.event(SigraSignals.reset.completed, {}, { user_id: user.id });
    return true;
  }

  /** Drops expired links, so that the map holds only live ones. */
  private forgetExpired(): void {
    const now = this.clock.now();
    for (const [hash, entry] of this.pending) {
      if (entry.expiresAt <= now) this.pending.delete(hash);
    }
  }
}
