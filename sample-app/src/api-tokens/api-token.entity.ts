/** An API token as stored: its hash, never the token. */
export interface ApiToken {
  readonly id: string;
  readonly userId: number;
  readonly name: string;
  readonly tokenHash: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds after which the token is refused; `undefined`: until revoked. */
  readonly expiresAt?: number;
}
