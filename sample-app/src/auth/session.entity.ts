/**
 * `standard`: a full session. `mfa_pending`: the password was right but the user has MFA on;
 * the session may only call `POST /mfa/verify`, which promotes it.
 */
export type SessionType = 'standard' | 'mfa_pending';

/** A login session. Only the hash of its bearer token is kept. */
export interface Session {
  readonly id: string;
  readonly userId: number;
  type: SessionType;
  readonly tokenHash: string;
  readonly createdAt: Date;
}

/** A session just created, with its bearer token: the only time the token is known. */
export interface IssuedSession {
  readonly session: Session;
  readonly token: string;
}
