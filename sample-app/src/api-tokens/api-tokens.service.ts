import { Injectable } from '@nestjs/common';
import { SigraSpan, SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { randomUUID } from 'node:crypto';
import { hashToken, randomToken } from '../crypto/random-token.js';
import type { ApiToken } from './api-token.entity.js';

/** Prefix of API tokens, so that secret scanners and humans can recognise a leaked one. */
const TOKEN_PREFIX = 'sgr_';

/** Personal API tokens: the plaintext is returned once, at creation; only its hash is kept. */
@Injectable()
export class ApiTokensService {
  private readonly byHash = new Map<string, ApiToken>();

  constructor(private readonly telemetry: SigraTelemetryService) {}

  /** Creates a token for `userId`; returns the record and the plaintext token. */
  @SigraSpan(['sigra', 'api_token', 'create'], {
    metadata: (userId: number) => ({ user_id: userId }),
  })
  create(userId: number, name: string): { record: ApiToken; token: string } {
    const token = randomToken(TOKEN_PREFIX);
    const record: ApiToken = {
      id: randomUUID(),
      userId,
      name,
      tokenHash: hashToken(token),
      createdAt: new Date(),
    };
    this.byHash.set(record.tokenHash, record);
    return { record, token };
  }

  /** The token's record, or `undefined` for an unknown or revoked token. */
  @SigraSpan(['sigra', 'api_token', 'verify'])
  verify(token: string): ApiToken | undefined {
    return token.startsWith(TOKEN_PREFIX) ? this.byHash.get(hashToken(token)) : undefined;
  }

  /** The user's tokens, oldest first. */
  list(userId: number): ApiToken[] {
    return [...this.byHash.values()].filter((record) => record.userId === userId);
  }

  /** Revokes one of the user's tokens; false if the user has no such token. */
  revoke(userId: number, tokenId: string): boolean {
    const record = this.list(userId).find((candidate) => candidate.id === tokenId);
    if (record === undefined) return false;
    this.byHash.delete(record.tokenHash);
    this.telemetry.event(['sigra', 'api_token', 'revoke', 'stop'], {}, { token_id: record.id });
    return true;
  }
}
