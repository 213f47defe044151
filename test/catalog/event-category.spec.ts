import { describe, expect, it } from 'vitest';
import { eventCategory, SigraSignals, SigraSpans } from '../../lib/catalog/index.js';
import type { EventName } from '../../lib/shared/telemetry.types.js';

describe('eventCategory', () => {
  it.each([
    [['sigra', 'auth', 'login', 'stop'], 'auth'],
    [['sigra', 'security', 'rate_limited'], 'security'],
    [['sigra', 'mfa', 'backup_codes', 'regenerate', 'stop'], 'mfa'],
    [['sigra', 'api_token', 'revoke_all', 'stop'], 'api_token'],
    [['sigra', 'email_change', 'request', 'start'], 'email_change'],
    [['sigra', 'password', 'force_change_completed', 'stop'], 'password'],
    [['sigra', 'account', 'deleted'], 'account'],
    [['sigra', 'audit', 'forward', 'ok'], 'audit'],
    [['sigra', 'passkeys', 'register', 'start'], 'passkeys'],
  ])('%j is in %s', (name, category) => {
    expect(eventCategory(name)).toBe(category);
  });

  it('accepts the catalog constants and any name under a known category', () => {
    expect(eventCategory(SigraSpans.jwt.refresh)).toBe('jwt');
    expect(eventCategory(SigraSignals.hook.failed)).toBe('hook');
    expect(eventCategory(['sigra', 'auth'])).toBe('auth');
    expect(eventCategory(['sigra', 'auth', 'not_listed'])).toBe('auth');
  });

  it.each([
    [['sigra']],
    [[]],
    [['oban', 'auth', 'login']],
    [['sigra', 'billing', 'charge']],
    [['sigra', 'Auth', 'login']],
    ['sigra.auth.login'],
    [null],
  ])('rejects %j', (name) => {
    expect(() => eventCategory(name as unknown as EventName)).toThrow(RangeError);
  });
});
