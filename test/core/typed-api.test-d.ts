import { describe, expectTypeOf, it } from 'vitest';
import {
  attach,
  attachMany,
  execute,
  SigraSignals,
  SigraSpans,
  span,
  SigraTelemetryService,
  type UserId,
} from '../../lib/index.js';

describe('typed catalog API', () => {
  it('gives a handler of a catalog event its typed metadata and measurements', () => {
    attach('t', ['sigra', 'mfa', 'verify', 'stop'], (_event, measurements, metadata) => {
      expectTypeOf(measurements.duration).toEqualTypeOf<number>();
      expectTypeOf(metadata.user_id).toEqualTypeOf<UserId>();
      expectTypeOf(metadata.method).toEqualTypeOf<'totp' | 'backup_code'>();
      expectTypeOf(metadata.result).toEqualTypeOf<'success' | 'failure' | undefined>();
      expectTypeOf(metadata.attempts_remaining).toEqualTypeOf<number | undefined>();
    });
    attach('t', SigraSignals.security.rateLimited, (_event, _measurements, metadata) => {
      expectTypeOf(metadata.retry_after).toEqualTypeOf<number>();
      // @ts-expect-error a rate_limited signal carries no user_id
      void metadata.user_id;
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
        expectTypeOf(metadata).toEqualTypeOf<
          { user_id: UserId; ip: string } | { ip: string; key_prefix: string; retry_after: number }
        >();
      },
    );
  });

  it('refuses to execute a catalog signal with metadata of the wrong shape', () => {
    execute(
      ['sigra', 'security', 'rate_limited'],
      {},
      { ip: '1.2.3.4', key_prefix: 'sigra', retry_after: 30 },
    );
    const wrongRetryAfter = { ip: '1.2.3.4', key_prefix: 'sigra', retry_after: '30' };
    // @ts-expect-error retry_after must be a number
    execute(['sigra', 'security', 'rate_limited'], {}, wrongRetryAfter);
    // @ts-expect-error key_prefix is missing
    execute(SigraSignals.security.rateLimited, {}, { ip: '1.2.3.4', retry_after: 30 });
    // @ts-expect-error email is not part of a lockout's metadata
    execute(['sigra', 'mfa', 'lockout'], {}, { user_id: 1, ip: '1.2.3.4', email: 'a@b.c' });
  });

  it('refuses any metadata key on an event that documents none', () => {
    span(['sigra', 'session', 'delete'], {}, () => 1);
    // @ts-expect-error session.delete documents no start metadata
    span(['sigra', 'session', 'delete'], { password: 'x' }, () => 1);
    execute(['sigra', 'token', 'expired']);
    // @ts-expect-error token.expired documents no metadata
    execute(['sigra', 'token', 'expired'], {}, { email: 'a@b.c' });
    execute(['sigra', 'security', 'invalid_credentials'], {}, { ip: '203.0.113.7' });
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
    // @ts-expect-error method must be 'totp' or 'backup_code'
    span(['sigra', 'mfa', 'verify'], { user_id: 1, method: 'sms' }, () => 1);
    span(['sigra', 'mfa', 'verify'], { user_id: 1, method: 'totp' }, () => 1, {
      // @ts-expect-error result must be 'success' or 'failure'
      stopMetadata: () => ({ result: 'maybe', attempts_remaining: 1 }),
    });
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
        expectTypeOf(metadata.user_id).toEqualTypeOf<UserId>();
        expectTypeOf(measurements).toHaveProperty('count');
      },
    );
    // @ts-expect-error suspicious_login needs user_id and ip
    service.event(['sigra', 'security', 'suspicious_login'], {}, {});
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
    SigraSpan(['sigra', 'mfa', 'verify'], {
      // @ts-expect-error a misspelt stop key
      stopMetadata: () => ({ reslt: 'success' }),
    });
    // @ts-expect-error session.delete documents no start metadata
    SigraSpan(['sigra', 'session', 'delete'], { metadata: () => ({ email: 'a@b.c' }) });
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
