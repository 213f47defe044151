/**
 * A registered user as the app stores it. `email` is canonical (see `canonicalEmail`). Events
 * identify users by `id`, never by `email`.
 */
export interface User {
  readonly id: number;
  readonly email: string;
  passwordHash: string;
  /** Base32 TOTP secret once MFA is enabled. */
  totpSecret?: string;
  /** Secret handed out by enrolment and not confirmed by a first valid code yet. */
  pendingTotpSecret?: string;
  /** Last TOTP step accepted, so that a code cannot be replayed. */
  lastTotpStep?: number;
  /** SHA-256 hashes of the unused backup codes. */
  backupCodeHashes?: string[];
}
