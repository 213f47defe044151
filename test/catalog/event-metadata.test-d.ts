import { describe, expectTypeOf, it } from 'vitest';
import type { CATALOG, UNCATALOGUED } from '../../lib/catalog/catalog.data.js';
import type {
  DottedName,
  SigraCategory,
  SigraEventMap,
  SigraMetadataShape,
  SigraSignalMap,
  SigraSignals,
  SigraSpanMap,
  SigraSpans,
  UserId,
} from '../../lib/catalog/index.js';
import type { SpanContext, SpanStopMeasurements } from '../../lib/shared/telemetry.types.js';

type Entry = (typeof CATALOG | typeof UNCATALOGUED)[number];

/** A type's keys as the runtime catalog spells them: optional keys end in `?`. */
type KeySpecs<T> = {
  [K in keyof T & string]-?: Record<never, never> extends Pick<T, K> ? `${K}?` : K;
}[keyof T & string];

/** Every member tuple of a `SigraSpans`/`SigraSignals`-like object, dotted. */
type DottedMembers<Groups> = {
  [G in keyof Groups]: {
    [M in keyof Groups[G]]: Groups[G][M] extends readonly string[]
      ? DottedName<Groups[G][M]>
      : never;
  }[keyof Groups[G]];
}[keyof Groups];

describe('SigraSpanMap and SigraSignalMap', () => {
  it('give the documented metadata', () => {
    expectTypeOf<SigraSpanMap['sigra.mfa.verify']['start']>().toEqualTypeOf<{
      user_id: UserId;
      method: 'totp' | 'backup_code';
    }>();
    expectTypeOf<SigraSpanMap['sigra.mfa.verify']['stop']>().toEqualTypeOf<{
      result: 'success' | 'failure';
      attempts_remaining: number;
    }>();
    expectTypeOf<SigraSpanMap['sigra.mfa.enroll']['start']>().toEqualTypeOf<{ user_id: UserId }>();
    expectTypeOf<SigraSpanMap['sigra.mfa.enroll']['stop']>().toEqualTypeOf<{
      result: 'success' | 'failure';
    }>();
    expectTypeOf<SigraSpanMap['sigra.mfa.disable']['stop']>().toEqualTypeOf<{ admin: boolean }>();
    expectTypeOf<SigraSpanMap['sigra.auth.logout']['start']>().toEqualTypeOf<{}>();
    expectTypeOf<SigraSignalMap['sigra.security.rate_limited']>().toEqualTypeOf<{
      measurements: { count?: number };
      metadata: { ip: string; key_prefix: string; retry_after: number };
    }>();
    expectTypeOf<SigraSignalMap['sigra.mfa.lockout']['metadata']>().toEqualTypeOf<{
      user_id: UserId;
      ip: string;
    }>();
    expectTypeOf<SigraSignalMap['sigra.security.suspicious_login']['metadata']>().toEqualTypeOf<{
      user_id: UserId;
      ip: string;
      geo_city?: string;
      geo_country_code?: string;
    }>();
  });

  it('reject wrong shapes', () => {
    // @ts-expect-error an undocumented MFA method
    const method: SigraSpanMap['sigra.mfa.verify']['start'] = { user_id: 1, method: 'sms' };
    // @ts-expect-error user_id is documented on mfa.enroll
    const enroll: SigraSpanMap['sigra.mfa.enroll']['start'] = {};
    // @ts-expect-error ip is documented on mfa.lockout
    const lockout: SigraSignalMap['sigra.mfa.lockout']['metadata'] = { user_id: 'u1' };
    const camel: SigraSignalMap['sigra.security.rate_limited']['metadata'] = {
      ip: '203.0.113.9',
      // @ts-expect-error keys are snake_case
      keyPrefix: 'login',
      retry_after: 30,
    };
    expectTypeOf([method, enroll, lockout, camel]).toBeArray();
  });

  it('hold exactly the spans and signals of SigraSpans and SigraSignals', () => {
    expectTypeOf<DottedMembers<typeof SigraSpans>>().toEqualTypeOf<keyof SigraSpanMap>();
    expectTypeOf<DottedMembers<typeof SigraSignals>>().toEqualTypeOf<keyof SigraSignalMap>();
  });

  it('match the metadata keys of the runtime catalog', () => {
    type RuntimeSpans = {
      [E in Extract<Entry, { kind: 'span' }> as DottedName<E['name']>]: {
        start: E['start'][number];
        stop: E['stop'][number];
      };
    };
    type TypedSpans = {
      [P in keyof SigraSpanMap]: {
        start: KeySpecs<SigraSpanMap[P]['start']>;
        stop: KeySpecs<SigraSpanMap[P]['stop']>;
      };
    };
    type RuntimeSignals = {
      [E in Extract<Entry, { kind: 'signal' }> as DottedName<E['name']>]: {
        measurements: E['measurements'][number];
        metadata: E['metadata'][number];
      };
    };
    type TypedSignals = {
      [S in keyof SigraSignalMap]: {
        measurements: KeySpecs<SigraSignalMap[S]['measurements']>;
        metadata: KeySpecs<SigraSignalMap[S]['metadata']>;
      };
    };
    expectTypeOf<RuntimeSpans>().toEqualTypeOf<TypedSpans>();
    expectTypeOf<RuntimeSignals>().toEqualTypeOf<TypedSignals>();
  });
});

describe('SigraEventMap', () => {
  it('gives each span event its measurements and metadata', () => {
    type Stop = SigraEventMap['sigra.mfa.verify.stop'];
    expectTypeOf<Stop['measurements']>().toEqualTypeOf<SpanStopMeasurements>();
    expectTypeOf<Stop['metadata']['method']>().toEqualTypeOf<'totp' | 'backup_code' | undefined>();
    expectTypeOf<Stop['metadata']['result']>().toEqualTypeOf<'success' | 'failure' | undefined>();
    expectTypeOf<Stop['metadata']['telemetry_span_context']>().toEqualTypeOf<SpanContext>();
    type Exception = SigraEventMap['sigra.mfa.verify.exception']['metadata'];
    expectTypeOf<Exception['kind']>().toEqualTypeOf<'error' | 'throw'>();
    expectTypeOf<Exception['stacktrace']>().toEqualTypeOf<string>();
  });

  it('is open by default: documented keys may be absent, common and other keys present', () => {
    type Lockout = SigraEventMap['sigra.security.lockout'];
    expectTypeOf<Lockout['metadata']['user_id']>().toEqualTypeOf<UserId | undefined>();
    expectTypeOf<Lockout['metadata']['reason']>().toEqualTypeOf<'threshold_reached' | undefined>();
    expectTypeOf<Lockout['metadata']['anything']>().toEqualTypeOf<unknown>();
    type Login = SigraEventMap['sigra.auth.login.stop']['metadata'];
    expectTypeOf<Login['result']>().toEqualTypeOf<'success' | 'failure' | undefined>();
    expectTypeOf<Login['status']>().toEqualTypeOf<number | undefined>();
  });

  it('is closed with its parameter: documented keys as documented, common keys, nothing else', () => {
    type Lockout = SigraEventMap<true>['sigra.security.lockout']['metadata'];
    expectTypeOf<Lockout['user_id']>().toEqualTypeOf<UserId>();
    expectTypeOf<Lockout['reason']>().toEqualTypeOf<'threshold_reached'>();
    expectTypeOf<Lockout>().not.toHaveProperty('anything');
    type Delete = SigraEventMap<true>['sigra.session.delete.stop']['metadata'];
    expectTypeOf<Delete['user_id']>().toEqualTypeOf<UserId | undefined>();
    expectTypeOf<Delete['result']>().toEqualTypeOf<'success' | 'failure' | undefined>();
    expectTypeOf<Delete>().not.toHaveProperty('email');
  });
});

describe('SigraMetadataShape', () => {
  it('keeps the documented type of a key the common metadata also has', () => {
    type Refresh = SigraMetadataShape<{ success: boolean; ip: '10.0.0.1' }, true>;
    expectTypeOf<Refresh['ip']>().toEqualTypeOf<'10.0.0.1'>();
    expectTypeOf<Refresh['success']>().toEqualTypeOf<boolean>();
    expectTypeOf<SigraMetadataShape<{}, false>['user_id']>().toEqualTypeOf<UserId | undefined>();
  });
});

describe('DottedName', () => {
  it('joins a tuple with dots', () => {
    expectTypeOf<DottedName<['sigra', 'auth', 'login']>>().toEqualTypeOf<'sigra.auth.login'>();
    expectTypeOf<DottedName<readonly ['sigra']>>().toEqualTypeOf<'sigra'>();
    expectTypeOf<
      DottedName<typeof SigraSpans.mfa.backupCodesRegenerate>
    >().toEqualTypeOf<'sigra.mfa.backup_codes.regenerate'>();
    expectTypeOf<DottedName<string[]>>().toEqualTypeOf<string>();
  });

  it('looks up the maps from the constants', () => {
    expectTypeOf<
      SigraSpanMap[DottedName<typeof SigraSpans.session.create>]['start']['type']
    >().toEqualTypeOf<'standard' | 'mfa_pending' | 'remember_me'>();
    expectTypeOf<
      SigraSignalMap[DottedName<typeof SigraSignals.jwt.refreshReuseDetected>]['metadata']
    >().toEqualTypeOf<{ user_id: UserId; family_id: string | number }>();
  });
});

describe('SigraCategory', () => {
  it('is the union of the catalog categories', () => {
    expectTypeOf<SigraCategory>().toEqualTypeOf<
      | 'auth'
      | 'token'
      | 'session'
      | 'security'
      | 'oauth'
      | 'mfa'
      | 'email'
      | 'confirmation'
      | 'reset'
      | 'api_token'
      | 'jwt'
      | 'email_change'
      | 'password'
      | 'account'
      | 'hook'
      | 'audit'
      | 'passkeys'
    >();
  });
});
