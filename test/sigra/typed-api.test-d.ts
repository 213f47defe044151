import { describe, expectTypeOf, it } from 'vitest';
import {
  attach,
  attachMany,
  execute,
  SigraSignals,
  SigraSpans,
  span,
  SigraTelemetryService,
  type EventMetadata,
  type SignalMeasurements,
  type SignalMetadata,
  type SigraSpanPrefix,
  type SpanContext,
  type SpanStartMetadata,
  type SpanStopMetadata,
  type UserId,
} from '../../lib/index.js';

type RateLimited = ['sigra', 'security', 'rate_limited'];

/** `'sigra.auth.login'` → `['sigra', 'auth', 'login']`. */
type PrefixTuple<S extends string> = S extends `${infer Head}.${infer Rest}`
  ? [Head, ...PrefixTuple<Rest>]
  : [S];

describe('typed catalog API', () => {
  it('gives a handler of a catalog event its typed metadata and measurements', () => {
    attach('t', ['sigra', 'mfa', 'verify', 'stop'], (_event, measurements, metadata) => {
      expectTypeOf(measurements.duration).toEqualTypeOf<number>();
      expectTypeOf(metadata.user_id).toEqualTypeOf<UserId | undefined>();
      expectTypeOf(metadata.method).toEqualTypeOf<'totp' | 'backup_code' | undefined>();
      expectTypeOf(metadata.result).toEqualTypeOf<'success' | 'failure' | undefined>();
      expectTypeOf(metadata.attempts_remaining).toEqualTypeOf<number | undefined>();
      expectTypeOf(metadata.telemetry_span_context).toEqualTypeOf<SpanContext>();
    });
    attach('t', SigraSignals.security.rateLimited, (_event, _measurements, metadata) => {
      expectTypeOf(metadata.retry_after).toEqualTypeOf<number | undefined>();
      expectTypeOf(metadata.user_id).toEqualTypeOf<UserId | undefined>();
      expectTypeOf(metadata.key).toEqualTypeOf<unknown>();
    });
  });

  it('types a handler attached to several catalog events with the union of their metadata', () => {
    attachMany(
      't',
      [
        ['sigra', 'mfa', 'lockout'],
        ['sigra', 'security', 'rate_limited'],
      ],
      (_e, _m, metadata) => {
        expectTypeOf(metadata.ip).toEqualTypeOf<string | undefined>();
        expectTypeOf(metadata).toEqualTypeOf<
          | EventMetadata<['sigra', 'mfa', 'lockout']>
          | EventMetadata<['sigra', 'security', 'rate_limited']>
        >();
      },
    );
  });

  it('accepts user_id, an outcome and operation context on every catalogued event', () => {
    span(['sigra', 'auth', 'login'], { user_id: 1 }, () => 1, {
      stopMetadata: () => ({ result: 'failure', status: 401 }),
    });
    span(['sigra', 'email', 'deliver'], { user_id: 'u1', delivery_method: 'async' }, () => 1);
    span(['sigra', 'session', 'create'], { user_id: 1, type: 'standard' }, () => 1, {
      stopMetadata: () => ({ result: 'success', success: true }),
    });
    execute(['sigra', 'token', 'expired'], {}, { user_id: 1, ip: '203.0.113.7' });
    execute(['sigra', 'hook', 'failed'], {}, { operation: 'login', module: 'Hooks' });
  });

  it('accepts every catalogued span stop with result success or failure', () => {
    type ResultOf<T> = T extends { result?: infer R } ? R : 'no result key';
    type Results = {
      [P in SigraSpanPrefix]: ResultOf<SpanStopMetadata<PrefixTuple<P>>>;
    }[SigraSpanPrefix];
    expectTypeOf<Results>().toEqualTypeOf<'success' | 'failure'>();
    type ClosedResults = {
      [P in SigraSpanPrefix]: ResultOf<SpanStopMetadata<PrefixTuple<P>, true>>;
    }[SigraSpanPrefix];
    expectTypeOf<ClosedResults>().toEqualTypeOf<'success' | 'failure'>();
  });

  it('keeps the documented type of every documented key', () => {
    const wrongRetryAfter = { ip: '1.2.3.4', key_prefix: 'sigra', retry_after: '30' };
    // @ts-expect-error retry_after must be a number
    execute(['sigra', 'security', 'rate_limited'], {}, wrongRetryAfter);
    // @ts-expect-error user_id is a string or a number
    execute(['sigra', 'mfa', 'lockout'], {}, { user_id: true });
    // @ts-expect-error result must be 'success' or 'failure'
    span(['sigra', 'session', 'delete'], { result: 'ok' }, () => 1);
    // @ts-expect-error method must be 'totp' or 'backup_code'
    span(['sigra', 'mfa', 'verify'], { user_id: 1, method: 'sms' }, () => 1);
    span(['sigra', 'mfa', 'verify'], { user_id: 1, method: 'totp' }, () => 1, {
      // @ts-expect-error result must be 'success' or 'failure'
      stopMetadata: () => ({ result: 'maybe', attempts_remaining: 1 }),
    });
    // @ts-expect-error a count is a number
    execute(['sigra', 'session', 'revoke_all', 'stop'], { count: '1' }, { user_id: 1 });
  });

  it('allows extra keys: metadata is an open map, guarded at run time by the policy', () => {
    span(['sigra', 'session', 'delete'], { session_id: 's1' }, () => 1);
    execute(['sigra', 'security', 'rate_limited'], { count: 1 }, { key: 'ip:1.2.3.4' });
    execute(['sigra', 'token', 'expired'], {}, { token_type: 'reset' });
  });

  it('closes the catalog with the Closed parameter', () => {
    const rateLimited = { ip: '1.2.3.4', key_prefix: 'sigra', retry_after: 30 };
    expectTypeOf(rateLimited).toExtend<SignalMetadata<RateLimited, true>>();
    expectTypeOf({ ip: '1.2.3.4' }).not.toExtend<SignalMetadata<RateLimited, true>>();
    expectTypeOf({ ...rateLimited, user_id: 1, result: 'success' as const }).toExtend<
      SignalMetadata<RateLimited, true>
    >();
    // @ts-expect-error a closed catalog takes no undocumented key
    const extra: SignalMetadata<RateLimited, true> = { ...rateLimited, key: 'ip:1.2.3.4' };
    // @ts-expect-error session.delete documents no start metadata beyond the common keys
    const email: SpanStartMetadata<['sigra', 'session', 'delete'], true> = { email: 'a@b.c' };
    const common: SpanStartMetadata<['sigra', 'session', 'delete'], true> = { user_id: 1 };
    // @ts-expect-error mfa.verify's stop documents result and attempts_remaining
    const stop: SpanStopMetadata<['sigra', 'mfa', 'verify'], true> = { result: 'success' };
    expectTypeOf([extra, email, common, stop]).toBeArray();
    expectTypeOf<
      SignalMeasurements<['sigra', 'session', 'revoke_all', 'stop'], true>
    >().toEqualTypeOf<{
      count: number;
    }>();
  });

  it('types span start and stop metadata for a catalog prefix', () => {
    const outcome = span(
      SigraSpans.mfa.verify,
      { user_id: 1, method: 'totp' },
      () => ({ ok: true, left: 3 }),
      {
        stopMetadata: (r) => ({ result: r.ok ? 'success' : 'failure', attempts_remaining: r.left }),
      },
    );
    expectTypeOf(outcome).toEqualTypeOf<{ ok: boolean; left: number }>();
  });

  it('passes the resolved value of a Promise to stopMetadata', () => {
    span(['app', 'work'], {}, async () => 'done', {
      stopMetadata: (value) => {
        expectTypeOf(value).toEqualTypeOf<string>();
        return {};
      },
    });
  });

  it('leaves custom events open: Record<string, unknown>', () => {
    attach('t', ['app', 'custom'], (_e, measurements, metadata) => {
      expectTypeOf(metadata).toEqualTypeOf<Record<string, unknown>>();
      expectTypeOf(measurements).toEqualTypeOf<Record<string, unknown>>();
    });
    execute(['app', 'custom'], { anything: 1 }, { anything: 'goes' });
  });

  it('types the service like the core', () => {
    const service = {} as SigraTelemetryService;
    service.attach(
      't',
      ['sigra', 'session', 'revoke_all', 'stop'],
      (_e, measurements, metadata) => {
        expectTypeOf(metadata.user_id).toEqualTypeOf<UserId | undefined>();
        expectTypeOf(measurements.count).toEqualTypeOf<number | undefined>();
      },
    );
    // @ts-expect-error ip is a string
    service.event(['sigra', 'security', 'suspicious_login'], {}, { user_id: 1, ip: 1 });
  });
});

describe('typed @SigraSpan', () => {
  it('types the metadata callbacks by the catalog prefix', async () => {
    const { SigraSpan } = await import('../../lib/index.js');
    SigraSpan(['sigra', 'mfa', 'verify'], {
      metadata: (userId: number) => ({ user_id: userId, method: 'backup_code' }),
      stopMetadata: (ok: boolean) => ({
        result: ok ? 'success' : 'failure',
        attempts_remaining: 2,
      }),
    });
    SigraSpan(['sigra', 'auth', 'login'], { metadata: (id: number) => ({ user_id: id }) });
    SigraSpan(['sigra', 'session', 'delete'], { metadata: () => ({ session_id: 's1' }) });
    SigraSpan(['sigra', 'mfa', 'verify'], {
      // @ts-expect-error method must be 'totp' or 'backup_code'
      metadata: (userId: number) => ({ user_id: userId, method: 'sms' }),
    });
    SigraSpan(['sigra', 'auth', 'login'], {
      // @ts-expect-error user_id is a string or a number
      metadata: (admin: boolean) => ({ user_id: admin }),
    });
    SigraSpan(['sigra', 'mfa', 'verify'], {
      // @ts-expect-error result must be 'success' or 'failure'
      stopMetadata: () => ({ result: 'ok' }),
    });
    SigraSpan(['app', 'custom'], { metadata: () => ({ anything: 1 }) });
  });
});

describe('typed handler config', () => {
  it('requires the config a handler declares, and keeps it optional otherwise', () => {
    attach(
      't',
      ['app', 'x'],
      (_e, _m, _md, config: { threshold: number }) => void config.threshold,
      {
        threshold: 1,
      },
    );
    // @ts-expect-error the handler needs a config and none is given
    attach(
      't',
      ['app', 'x'],
      (_e, _m, _md, config: { threshold: number }) => void config.threshold,
    );
    attach('t', ['app', 'x'], () => undefined);
    attachMany('t', [['app', 'x']], (_e, _m, _md, config: string | undefined) => void config);
  });
});
