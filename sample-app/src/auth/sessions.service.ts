import { Injectable } from '@nestjs/common';
import { SigraSpan, SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { randomUUID } from 'node:crypto';
import { hashToken, randomToken } from '../crypto/random-token.js';
import type { IssuedSession, Session, SessionType } from './session.entity.js';

/** Login sessions, looked up by the hash of their bearer token. */
@Injectable()
export class SessionsService {
  private readonly byTokenHash = new Map<string, Session>();

  constructor(private readonly telemetry: SigraTelemetryService) {}

  /** Opens a session for `userId` and returns it with its bearer token. */
  @SigraSpan(['sigra', 'session', 'create'], {
    metadata: (userId: number, type: SessionType) => ({ user_id: userId, type }),
  })
  create(userId: number, type: SessionType): IssuedSession {
    const token = randomToken('sess_');
    const session: Session = {
      id: randomUUID(),
      userId,
      type,
      tokenHash: hashToken(token),
      createdAt: new Date(),
    };
    this.byTokenHash.set(session.tokenHash, session);
    return { session, token };
  }

  /** The session a bearer token opens, if any. */
  findByToken(token: string): Session | undefined {
    return this.byTokenHash.get(hashToken(token));
  }

  /** The user's sessions, oldest first. */
  list(userId: number): Session[] {
    return [...this.byTokenHash.values()].filter((session) => session.userId === userId);
  }

  /** Turns an `mfa_pending` session into a full one. */
  promote(session: Session): void {
    session.type = 'standard';
  }

  /** Ends one of the user's sessions; false if the user has no such session. */
  @SigraSpan(['sigra', 'session', 'delete'])
  delete(userId: number, sessionId: string): boolean {
    const session = this.list(userId).find((candidate) => candidate.id === sessionId);
    return session !== undefined && this.byTokenHash.delete(session.tokenHash);
  }

  /** Ends every session of the user; returns how many there were. */
  revokeAll(userId: number): number {
    const sessions = this.list(userId);
    for (const session of sessions) this.byTokenHash.delete(session.tokenHash);
    this.telemetry.event(
      ['sigra', 'session', 'revoke_all', 'stop'],
      { count: sessions.length },
      { user_id: userId },
    );
    return sessions.length;
  }
}
