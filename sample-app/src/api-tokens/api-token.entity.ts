/** An API token as stored: its hash, never the token. */
export interface ApiToken {
  readonly id: string;
  readonly userId: number;
  readonly name: string;
  readonly tokenHash: string;
  readonly createdAt: Date;
}
