import { Inject, Injectable } from '@nestjs/common';
import { SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { SessionsService } from '../auth/sessions.service.js';
import { hashPassword } from '../crypto/password-hash.js';
import { hashToken, randomToken } from '../crypto/random-token.js';
import { MAILER, type Mailer } from '../mail/mailer.js';
import { AccountLockoutService } from '../security/account-lockout.service.js';
import { USERS_REPOSITORY, type UsersRepository } from '../users/users.repository.js';

/** How long a reset link stays valid. */
const RESET_TOKEN_TTL_MS = 30 * 60_000;

/** Password reset by e-mailed single-use token; only the token's hash is stored. */
@Injectable()
export class PasswordResetService {
  private readonly pending = new Map<string, { userId: number; expiresAt: number }>();

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly sessions: SessionsService,
    private readonly lockout: AccountLockoutService,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  /** E-mails a reset link if the address is registered; says nothing either way. */
  request(email: string, now = Date.now()): void {
    const user = this.users.findByEmail(email);
    if (user === undefined) return;
    for (const [hash, entry] of this.pending)
      if (entry.userId === user.id) this.pending.delete(hash);
    const token = randomToken();
    this.pending.set(hashToken(token), { userId: user.id, expiresAt: now + RESET_TOKEN_TTL_MS });
    this.mailer.send({
      to: user.email,
      subject: 'Reset your password',
      text: `Reset your password within 30 minutes: /password-reset?token=${token}`,
    });
    this.telemetry.event(['sigra', 'reset', 'requested'], {}, { user_id: user.id });
  }

  /**
   * Sets a new password with a reset token, which is then spent. Also unlocks the account and
   * ends every session, in case an attacker holds one. False for an unknown or expired token.
   */
  async complete(token: string, password: string, now = Date.now()): Promise<boolean> {
    const hash = hashToken(token);
    const entry = this.pending.get(hash);
    if (entry === undefined || entry.expiresAt <= now) return false;
    this.pending.delete(hash);
    this.users.update(entry.userId, { passwordHash: await hashPassword(password) });
    this.lockout.clear(entry.userId);
    this.sessions.revokeAll(entry.userId);
    this.telemetry.event(['sigra', 'reset', 'completed'], {}, { user_id: entry.userId });
    return true;
  }
}
