/*
 * The examples of upstream's `Sigra.Telemetry` documentation and of the seed reference
 * (`sigra-telemetry-reference.txt`), translated literally: Elixir atoms become strings, maps
 * become objects, `{:ok, user}` a tuple. Each must compile as written.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  accountEvents,
  apiTokenEvents,
  attach,
  execute,
  hookEvents,
  jwtEvents,
  mfaEvents,
  oauthEvents,
  span,
  type AttachResult,
  type EventName,
  type SigraTelemetryService,
} from '../../lib/index.js';

declare const telemetry: SigraTelemetryService;
declare const id: number;
declare const user: { id: number };

describe("upstream's examples", () => {
  it('span/3: Sigra.Telemetry.span([:sigra, :auth, :login], %{user_id: 1}, fn -> {:ok, user} end)', () => {
    const result = span(['sigra', 'auth', 'login'], { user_id: 1 }, () => ['ok', user] as const);
    expectTypeOf(result).toEqualTypeOf<readonly ['ok', { id: number }]>();
    telemetry.span(['sigra', 'auth', 'login'], { user_id: 1 }, () => ['ok', user] as const);
  });

  it('event/3: Sigra.Telemetry.event([:sigra, :security, :rate_limited], %{count: 1}, %{key: "ip:1.2.3.4"})', () => {
    telemetry.event(['sigra', 'security', 'rate_limited'], { count: 1 }, { key: 'ip:1.2.3.4' });
    execute(['sigra', 'security', 'rate_limited'], { count: 1 }, { key: 'ip:1.2.3.4' });
  });

  it('attach_default_logger/1 with and without level and filter', () => {
    const ok: AttachResult = telemetry.attachDefaultLogger();
    expectTypeOf(ok).toEqualTypeOf<'ok' | 'already_exists'>();
    telemetry.attachDefaultLogger({ level: 'warn' });
    telemetry.attachDefaultLogger({ filter: ['auth', 'security'] });
    telemetry.attachDefaultLogger({ level: 'warn', filter: ['auth', 'security'] });
    // @ts-expect-error :warning is Elixir's spelling; Nest's level is 'warn'
    telemetry.attachDefaultLogger({ level: 'warning' });
  });

  it('the category lists: mfa_events/0, oauth_events/0, api_token_events/0, jwt_events/0, account_events/0, hook_events/0', () => {
    for (const list of [
      mfaEvents,
      oauthEvents,
      apiTokenEvents,
      jwtEvents,
      accountEvents,
      hookEvents,
    ]) {
      expectTypeOf(list()).toExtend<readonly EventName[]>();
    }
  });
});

describe("the catalog's MFA metadata", () => {
  it('mfa.enroll: %{user_id: id}; on stop %{user_id: id, result: :success | :failure}', () => {
    span(['sigra', 'mfa', 'enroll'], { user_id: id }, () => true, {
      stopMetadata: (ok) => ({ user_id: id, result: ok ? 'success' : 'failure' }),
    });
  });

  it('mfa.verify: %{user_id: id, method: :totp | :backup_code}; on stop %{user_id, method, result, attempts_remaining}', () => {
    span(['sigra', 'mfa', 'verify'], { user_id: id, method: 'totp' }, () => 2, {
      stopMetadata: (left) => ({
        user_id: id,
        method: 'backup_code',
        result: left > 0 ? 'success' : 'failure',
        attempts_remaining: left,
      }),
    });
  });

  it('mfa.disable: %{user_id: id}; on stop %{user_id: id, admin: boolean}', () => {
    span(['sigra', 'mfa', 'disable'], { user_id: id }, () => undefined, {
      stopMetadata: () => ({ user_id: id, admin: true }),
    });
  });

  it('mfa.backup_codes.regenerate: %{user_id: id}', () => {
    span(['sigra', 'mfa', 'backup_codes', 'regenerate'], { user_id: id }, () => undefined);
  });

  it('the MFA signals: %{user_id: id, ip: string} and %{user_id: id}', () => {
    execute(['sigra', 'mfa', 'lockout'], {}, { user_id: id, ip: '203.0.113.9' });
    execute(['sigra', 'mfa', 'pending_expired'], {}, { user_id: id, ip: '203.0.113.9' });
    execute(['sigra', 'mfa', 'trust', 'granted'], {}, { user_id: id });
    execute(['sigra', 'mfa', 'trust', 'revoked_all'], {}, { user_id: id });
  });

  it('a handler reads them as documented', () => {
    attach('mfa', ['sigra', 'mfa', 'verify', 'stop'], (_event, measurements, metadata) => {
      expectTypeOf(measurements.duration).toEqualTypeOf<number>();
      expectTypeOf(metadata.method).toEqualTypeOf<'totp' | 'backup_code' | undefined>();
      expectTypeOf(metadata.result).toEqualTypeOf<'success' | 'failure' | undefined>();
      expectTypeOf(metadata.attempts_remaining).toEqualTypeOf<number | undefined>();
    });
  });
});

describe("the seed's metadata policy: user_id, a boolean outcome and operation context", () => {
  it('are accepted on every kind of event', () => {
    span(['sigra', 'token', 'verify'], { user_id: 1, ip: '203.0.113.9' }, () => false, {
      stopMetadata: (valid) => ({ success: valid, result: valid ? 'success' : 'failure' }),
    });
    execute(['sigra', 'reset', 'completed'], {}, { user_id: 1, success: true, ip: '203.0.113.9' });
    execute(
      ['sigra', 'oauth', 'refresh', 'stop'],
      {},
      { user_id: 1, provider: 'github', success: false },
    );
  });
});
