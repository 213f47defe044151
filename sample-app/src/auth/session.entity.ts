/**
 * `standard`: a full session. `mfa_pending`: the password was right but the user has MFA on;
 * the session may only verify a code (which replaces it with a standard one) or log out.
 */
export type SessionType = 'standard' | 'mfa_pending';

/** A login session. Only the hash of its bearer token is kept. */
export interface Session {
  readonly id: string;
  readonly userId: number;
  readonly type: SessionType;
  readonly tokenHash: string;
  /** Where the password was checked from, for the `mfa.pending_expired` report. */
  readonly ip: string;
  /** Epoch milliseconds: when the password was checked (the absolute TTL counts from here). */
  readonly createdAt: number;
  /** Epoch milliseconds: the last request made with the session (the idle TTL counts from here). */
  lastUsedAt: number;
  /** Epoch milliseconds until which sensitive changes are allowed (`POST /auth/sudo`). */
  sudoUntil?: number;
}

/** A session just created, with its bearer token: the only time the token is known. */
export interface IssuedSession {
  readonly session: Session;
  readonly token: string;
}
