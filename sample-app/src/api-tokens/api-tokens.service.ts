import { Inject, Injectable } from '@nestjs/common';
import {
  SigraSignals,
  SigraSpan,
  SigraSpans,
  SigraTelemetryService,
} from '@sigra/nestjs-telemetry';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../clock/clock.js';
import { hashToken, randomToken } from '../crypto/random-token.js';
import type { ApiToken } from './api-token.entity.js';

/** Prefix of API tokens, so that secret scanners and humans can recognise a leaked one. */
const TOKEN_PREFIX = 'sgr_';

const DAY_MS = 24 * 60 * 60_000;

/** Personal API tokens: the plaintext is returned once, at creation; only its hash is kept. */
@Injectable()
export class ApiTokensService {
  private readonly byHash = new Map<string, ApiToken>();

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly telemetry: SigraTelemetryService,
  ) {}

  /**
   * Creates a token for `userId`, valid for `expiresInDays` days or until revoked; returns the
   * record and the plaintext token.
   */
  @SigraSpan(SigraSpans.apiToken.create, {
    metadata: (userId: number) => ({ user_id: userId }),
    stopMetadata: () => ({ result: 'success' }),
  })
  create(
    userId: number,
    name: string,
    expiresInDays?: number,
  ): { record: ApiToken; token: string } {
    const token = randomToken(TOKEN_PREFIX);
    const now = this.clock.now();
    const record: ApiToken = {
      id: randomUUID(),
      userId,
      name,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: expiresInDays === undefined ? undefined : now + expiresInDays * DAY_MS,
    };
    this.byHash.set(record.tokenHash, record);
    return { record, token };
  }

  /**
   * The token's record, or `undefined` for an unknown, revoked or expired token (an expired one
   * is deleted and reported as `token.expired`).
   */
  @SigraSpan(SigraSpans.apiToken.verify, {
    stopMetadata: (record: ApiToken | undefined) =>
      record === undefined ? { result: 'failure' } : { user_id: record.userId, result: 'success' },
  })
  verify(token: string): ApiToken | undefined {
    const record = token.startsWith(TOKEN_PREFIX) ? this.byHash.get(hashToken(token)) : undefined;
    if (record?.expiresAt === undefined || record.expiresAt > this.clock.now()) return record;
    this.byHash.delete(record.tokenHash);
    this.telemetry.event(SigraSignals.token.expired, {}, {});
    return undefined;
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
    this.telemetry.event(SigraSignals.apiToken.revoke, {}, { token_id: record.id });
    return true;
  }

  /** Revokes every token of the user (password reset, sign-out everywhere); returns how many. */
  revokeAll(userId: number): number {
    const records = this.list(userId);
    for (const record of records) this.byHash.delete(record.tokenHash);
    this.telemetry.event(
      SigraSignals.apiToken.revokeAll,
      { count: records.length },
      { user_id: userId },
    );
    return records.length;
  }
}
