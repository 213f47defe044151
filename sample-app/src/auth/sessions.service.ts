import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  SigraSignals,
  SigraSpan,
  SigraSpans,
  SigraTelemetryService,
} from '@sigra/nestjs-telemetry';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../clock/clock.js';
import { hashToken, randomToken } from '../crypto/random-token.js';
import {
  MFA_PENDING_TTL_MS,
  SESSION_ABSOLUTE_TTL_MS,
  SESSION_IDLE_TTL_MS,
  SUDO_TTL_MS,
} from '../security/security.constants.js';
import type { IssuedSession, Session, SessionType } from './session.entity.js';

/** How often sessions nobody uses any more are swept out of memory. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Login sessions, looked up by the hash of their bearer token. A session ends when it is idle
 * for `SESSION_IDLE_TTL_MS`, at `SESSION_ABSOLUTE_TTL_MS` after login, or, while MFA is pending,
 * at `MFA_PENDING_TTL_MS` (reported as `mfa.pending_expired`).
 */
@Injectable()
export class SessionsService implements OnModuleInit, OnModuleDestroy {
  private readonly byTokenHash = new Map<string, Session>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Opens a session for `userId`, whose password was checked from `ip`; returns its token. */
  @SigraSpan(SigraSpans.session.create, {
    metadata: (userId: number, type: SessionType) => ({ user_id: userId, type }),
    stopMetadata: () => ({ result: 'success' }),
  })
  create(userId: number, type: SessionType, ip: string): IssuedSession {
    const token = randomToken('sess_');
    const now = this.clock.now();
    const session: Session = {
      id: randomUUID(),
      userId,
      type,
      ip,
      tokenHash: hashToken(token),
      createdAt: now,
      lastUsedAt: now,
    };
    this.byTokenHash.set(session.tokenHash, session);
    return { session, token };
  }

  /** The live session a bearer token opens, if any; using it restarts its idle time. */
  authenticate(token: string): Session | undefined {
    const session = this.byTokenHash.get(hashToken(token));
    if (session === undefined || this.endIfExpired(session)) return undefined;
    session.lastUsedAt = this.clock.now();
    return session;
  }

  /** The user's live sessions, oldest first. */
  list(userId: number): Session[] {
    return [...this.byTokenHash.values()].filter(
      (session) => session.userId === userId && !this.endIfExpired(session),
    );
  }

  /**
   * Replaces an `mfa_pending` session by a standard one with a new token, so that a token seen
   * before MFA (by whoever typed the password) is worth nothing after it.
   */
  promote(pending: Session): IssuedSession {
    this.byTokenHash.delete(pending.tokenHash);
    return this.create(pending.userId, 'standard', pending.ip);
  }

  /** Allows sensitive changes with `session` for `SUDO_TTL_MS`; returns until when. */
  grantSudo(session: Session): number {
    session.sudoUntil = this.clock.now() + SUDO_TTL_MS;
    return session.sudoUntil;
  }

  /** True while `session` may make sensitive changes. */
  inSudo(session: Session): boolean {
    return (session.sudoUntil ?? 0) > this.clock.now();
  }

  /** Ends one of the user's sessions; false if the user has no such session. */
  @SigraSpan(SigraSpans.session.delete, {
    metadata: (userId: number) => ({ user_id: userId }),
    stopMetadata: (deleted: boolean) => ({ result: deleted ? 'success' : 'failure' }),
  })
  delete(userId: number, sessionId: string): boolean {
    const session = this.list(userId).find((candidate) => candidate.id === sessionId);
    return session !== undefined && this.byTokenHash.delete(session.tokenHash);
  }

  /** Ends every session of the user; returns how many there were. */
  revokeAll(userId: number): number {
    const sessions = this.list(userId);
    for (const session of sessions) this.byTokenHash.delete(session.tokenHash);
    this.telemetry.event(
      SigraSignals.session.revokeAll,
      { count: sessions.length },
      { user_id: userId },
    );
    return sessions.length;
  }

  /** Ends every expired session. */
  private sweep(): void {
    for (const session of this.byTokenHash.values()) this.endIfExpired(session);
  }

  /** Ends `session` if it has expired, reporting an abandoned MFA step; true if it ended. */
  private endIfExpired(session: Session): boolean {
    const now = this.clock.now();
    const expired =
      session.type === 'mfa_pending'
        ? now - session.createdAt >= MFA_PENDING_TTL_MS
        : now - session.lastUsedAt >= SESSION_IDLE_TTL_MS ||
          now - session.createdAt >= SESSION_ABSOLUTE_TTL_MS;
    if (!expired) return false;
    this.byTokenHash.delete(session.tokenHash);
    if (session.type === 'mfa_pending') {
      this.telemetry.event(
        SigraSignals.mfa.pendingExpired,
        {},
        { user_id: session.userId, ip: session.ip },
      );
    }
    return true;
  }
}
