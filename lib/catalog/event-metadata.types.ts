import type {
  SpanContextMetadata,
  SpanExceptionMetadata,
  SpanStartMeasurements,
  SpanStopMeasurements,
} from '../shared/telemetry.types.js';
import type { SigraCatalogClosed } from './catalog-config.types.js';

/** A user's primary key as the host application stores it. @publicApi */
export type UserId = string | number;

/** A primary key of another record (API token, refresh-token family). @publicApi */
export type RecordId = string | number;

/**
 * What upstream's metadata policy says every event carries ("ALWAYS included: user_id (not
 * email), boolean outcome, operation context"): accepted on every event of the catalog, on a
 * span's start and stop alike. Where an event documents one of these keys, its documented type
 * wins. (No key here is a plain `string` that an event documents as string literals: inside a
 * generic callback, such a key would widen `'totp'` to `string` and fail the documented type.)
 *
 * @example
 * span(SigraSpans.session.create, { user_id: 7, type: 'standard' }, () => create(7), {
 *   stopMetadata: (session) => ({ result: session ? 'success' : 'failure' }),
 * });
 * @publicApi
 */
export interface SigraCommonMetadata {
  /** The acting user, never their e-mail. */
  user_id?: UserId;
  /** The outcome, upstream's MFA convention; `@SigraSpan` sets it (see `SigraSpanOptions`). */
  result?: 'success' | 'failure';
  /** The boolean outcome, as `oauth.refresh` documents it. */
  success?: boolean;
  /** The HTTP status of a failed operation, e.g. `401` (set by `@SigraSpan` on a 4xx). */
  status?: number;
  /** The client's IP address. */
  ip?: string;
  /** The operation, when one event covers several, e.g. `'login'`. */
  operation?: string;
}

/** Any further key: `:telemetry` metadata is an open map, the metadata policy guards secrets. */
type OpenKeys = { [key: string]: unknown };

/**
 * The shape the typed API gives documented keys `D`. Open (the default): any subset of `D` with
 * its types, the common keys, and any other key. Closed: `D` as documented plus the common keys.
 * @publicApi
 */
export type SigraMetadataShape<D, Closed extends boolean = SigraCatalogClosed> = Closed extends true
  ? D & Omit<SigraCommonMetadata, keyof D>
  : Partial<D> & Omit<SigraCommonMetadata, keyof D> & OpenKeys;

/**
 * The shape the typed API gives documented measurements `D`: like `SigraMetadataShape`, without
 * the common keys.
 * @publicApi
 */
export type SigraMeasurementsShape<
  D,
  Closed extends boolean = SigraCatalogClosed,
> = Closed extends true ? D : Partial<D> & OpenKeys;

/** Metadata of the events whose only documented key is the acting user. */
interface UserMetadata {
  user_id: UserId;
}

/** Metadata of the OAuth one-shots: the user and the provider (`'github'`, `'google'`…). */
interface OAuthUserMetadata extends UserMetadata {
  provider: string;
}

/** A span that documents no metadata at all. */
interface BareSpan {
  start: {};
  stop: {};
}

/** A span started for a known user, with nothing documented on stop. */
interface UserSpan {
  start: UserMetadata;
  stop: {};
}

/** A one-shot with no measurements and the acting user as metadata. */
interface UserSignal {
  measurements: {};
  metadata: UserMetadata;
}

/** A one-shot that documents neither measurements nor metadata. */
interface BareSignal {
  measurements: {};
  metadata: {};
}

/**
 * Span prefixes of the catalog, keyed by dotted prefix: `start` is the metadata the caller gives
 * when the span starts, `stop` the metadata the stop event adds, which the caller derives from
 * the result. The stop event carries both; the exception event carries `start` only.
 *
 * These are the documented keys only; the typed API shapes them with `SigraMetadataShape` (every
 * span also takes `SigraCommonMetadata`, and, unless the catalog is closed, any other key).
 * Where upstream's documentation and its emitters disagree, these types follow the documentation.
 *
 * @example
 * const start: SigraSpanMap['sigra.mfa.verify']['start'] = { user_id: 7, method: 'totp' };
 * @publicApi
 */
export interface SigraSpanMap {
  /**
   * Upstream emits no span, only a stop one-shot on success; the stop keys are absent when the
   * login fails.
   */
  'sigra.auth.login': {
    start: {};
    stop: { user_id?: UserId; failed_attempts_before?: number };
  };
  /** Documented without metadata; upstream has no emitter. */
  'sigra.auth.logout': BareSpan;
  /** `user_id` on stop is the registered user, absent when registration fails. */
  'sigra.auth.register': { start: {}; stop: { user_id?: UserId } };
  /** Documented without metadata; upstream has no emitter. */
  'sigra.token.generate': BareSpan;
  /** Documented without metadata; upstream has no emitter. */
  'sigra.token.verify': BareSpan;
  'sigra.session.create': {
    start: { user_id: UserId; type: 'standard' | 'mfa_pending' | 'remember_me' };
    stop: {};
  };
  'sigra.session.delete': BareSpan;
  'sigra.session.sudo': BareSpan;
  'sigra.oauth.authorize': { start: { provider: string }; stop: {} };
  'sigra.oauth.callback': { start: { provider: string }; stop: {} };
  /** Documented with `user_id`, which upstream's emitter leaves out. */
  'sigra.mfa.enroll': { start: UserMetadata; stop: { result: 'success' | 'failure' } };
  'sigra.mfa.verify': {
    start: { user_id: UserId; method: 'totp' | 'backup_code' };
    stop: { result: 'success' | 'failure'; attempts_remaining: number };
  };
  /**
   * Documented with `admin` on stop (`true` when an administrator disabled it); upstream's
   * emitter puts it in the start metadata instead.
   */
  'sigra.mfa.disable': { start: UserMetadata; stop: { admin: boolean } };
  'sigra.mfa.backup_codes.regenerate': UserSpan;
  'sigra.email.deliver': {
    start: { delivery_method: 'sync' | 'async'; email_type?: string };
    stop: {};
  };
  /** `user_id` on stop is the confirmed user, absent when verification fails. */
  'sigra.confirmation.verify': { start: {}; stop: { user_id?: UserId } };
  'sigra.api_token.create': UserSpan;
  'sigra.api_token.verify': BareSpan;
  'sigra.jwt.generate': UserSpan;
  'sigra.jwt.verify': BareSpan;
  'sigra.jwt.refresh': BareSpan;
  'sigra.email_change.request': UserSpan;
  'sigra.email_change.confirm': BareSpan;
  'sigra.email_change.cancel': UserSpan;
  'sigra.password.change': UserSpan;
  'sigra.password.set': UserSpan;
  'sigra.password.force_change': UserSpan;
  /** Uncatalogued upstream: emitted, never listed, never logged. */
  'sigra.passkeys.register': UserSpan;
  /** Uncatalogued upstream: emitted, never listed, never logged. */
  'sigra.passkeys.authenticate': UserSpan;
}

/**
 * One-shot signals of the catalog, keyed by dotted name: the measurements and metadata the
 * emitter gives.
 *
 * These are the documented keys only, shaped by the typed API as `SigraSpanMap` says.
 * Where upstream's documentation and its emitters disagree, these types follow the documentation.
 *
 * @example
 * const meta: SigraSignalMap['sigra.security.rate_limited']['metadata'] = {
 *   ip: '203.0.113.9',
 *   key_prefix: 'login',
 *   retry_after: 30,
 * };
 * @publicApi
 */
export interface SigraSignalMap {
  'sigra.session.revoke_all.stop': { measurements: { count: number }; metadata: UserMetadata };
  /** `retry_after` is in whole seconds, rounded up. */
  'sigra.security.rate_limited': {
    measurements: { count?: number };
    metadata: { ip: string; key_prefix: string; retry_after: number };
  };
  'sigra.security.lockout': {
    measurements: {};
    metadata: { user_id: UserId; ip: string; reason: 'threshold_reached' };
  };
  /** The `geo_*` keys are present only when a GeoIP lookup is configured. */
  'sigra.security.suspicious_login': {
    measurements: {};
    metadata: { user_id: UserId; ip: string; geo_city?: string; geo_country_code?: string };
  };
  /**
   * Documented without metadata, and upstream has no emitter. The operation context the metadata
   * policy asks for: the client `ip`, and the `user_id` when the identifier matched a user.
   */
  'sigra.security.invalid_credentials': {
    measurements: {};
    metadata: { user_id?: UserId; ip?: string };
  };
  'sigra.oauth.link.stop': { measurements: {}; metadata: OAuthUserMetadata };
  'sigra.oauth.unlink.stop': { measurements: {}; metadata: OAuthUserMetadata };
  'sigra.oauth.refresh.stop': {
    measurements: {};
    metadata: { user_id: UserId; provider: string; success: boolean };
  };
  'sigra.oauth.register.stop': { measurements: {}; metadata: OAuthUserMetadata };
  'sigra.oauth.login.stop': { measurements: {}; metadata: OAuthUserMetadata };
  /** Documented with `ip`, which upstream's emitter leaves out. */
  'sigra.mfa.lockout': { measurements: {}; metadata: { user_id: UserId; ip: string } };
  /** Documented with these keys; upstream has no emitter. */
  'sigra.mfa.pending_expired': { measurements: {}; metadata: { user_id: UserId; ip: string } };
  'sigra.mfa.trust.granted': UserSignal;
  'sigra.mfa.trust.revoked_all': UserSignal;
  /** Documented without metadata; upstream has no emitter. */
  'sigra.confirmation.sent': BareSignal;
  'sigra.reset.requested': UserSignal;
  'sigra.reset.completed': UserSignal;
  /** Documented without metadata; upstream has no emitter. */
  'sigra.token.expired': BareSignal;
  'sigra.api_token.revoke.stop': { measurements: {}; metadata: { token_id: RecordId } };
  'sigra.api_token.revoke_all.stop': { measurements: { count: number }; metadata: UserMetadata };
  'sigra.jwt.refresh_reuse_detected': {
    measurements: { count: number };
    metadata: { user_id: UserId; family_id: RecordId };
  };
  /** Upstream emits it from a span whose start and exception events it neither lists nor logs. */
  'sigra.password.force_change_completed.stop': UserSignal;
  'sigra.account.deletion_scheduled': {
    measurements: {};
    metadata: { user_id: UserId; scheduled_at: Date };
  };
  'sigra.account.deletion_cancelled': UserSignal;
  'sigra.account.deleted': {
    measurements: {};
    metadata: { user_id: UserId; strategy: 'soft_delete' | 'hard_delete' | 'anonymize' };
  };
  /** Upstream lists it without an emitter; the keys are the ones its design planned. */
  'sigra.hook.failed': {
    measurements: {};
    metadata: { operation: string; module: string; error: unknown };
  };
  /** Uncatalogued upstream: a password hash was upgraded to the current algorithm at login. */
  'sigra.auth.hash_upgraded': UserSignal;
  /**
   * Uncatalogued upstream: the organization selector failed while creating a session, which
   * still succeeded. `reason` is a printable description of the failure.
   */
  'sigra.auth.selector_error': {
    measurements: {};
    metadata: { user_id: UserId; kind: 'error' | 'throw'; reason: string };
  };
  /** Uncatalogued upstream: a pending MFA session became a full one. */
  'sigra.mfa.verification_complete': {
    measurements: {};
    metadata: { user_id: UserId; target_type: 'standard' | 'remember_me'; trust_browser: boolean };
  };
  /** Uncatalogued upstream: an audit row was committed. `id` is the row's UUID. */
  'sigra.audit.log': {
    measurements: { count: number };
    metadata: { action: string; actor_id: UserId; outcome: string; id: string; occurred_at: Date };
  };
  /** Uncatalogued upstream: an audit write failed and the failure was swallowed. */
  'sigra.audit.log_safe_error': {
    measurements: { count: number };
    metadata: {
      action: string;
      reason: 'invalid_changeset' | 'constraint_violation' | 'database_error';
      error_fields?: readonly string[];
    };
  };
  /** Uncatalogued upstream: an audit row was forwarded to an external sink. */
  'sigra.audit.forward.ok': {
    measurements: { count: number; duration_ms: number };
    metadata: {
      forwarder: string;
      audit_event_id: string;
      action: string;
      dispatch: 'sync' | 'async';
    };
  };
  /** Uncatalogued upstream: forwarding an audit row failed; `attempt` counts from 1. */
  'sigra.audit.forward.error': {
    measurements: { count: number };
    metadata: {
      forwarder: string;
      audit_event_id: string;
      action: string;
      reason: unknown;
      kind: 'error' | 'throw';
      attempt: number;
    };
  };
}

/** A dotted span prefix of the catalog, e.g. `'sigra.auth.login'`. @publicApi */
export type SigraSpanPrefix = keyof SigraSpanMap;

/** A dotted signal name of the catalog, e.g. `'sigra.security.rate_limited'`. @publicApi */
export type SigraSignalName = keyof SigraSignalMap;

/**
 * What the typed API takes for each span prefix and signal of the catalog, in mode `C`. Mapped
 * ahead over the names: an indexed access with a name still generic (`@SigraSpan`'s callbacks are
 * checked before its prefix is inferred) then keeps `'totp'` a literal instead of widening it.
 */
export type SpanInputs<C extends boolean> = {
  [P in SigraSpanPrefix]: {
    start: SigraMetadataShape<SigraSpanMap[P]['start'], C> & Partial<SpanContextMetadata>;
    stop: SigraMetadataShape<SigraSpanMap[P]['stop'], C>;
  };
};

/** See `SpanInputs`. */
export type SignalInputs<C extends boolean> = {
  [S in SigraSignalName]: {
    measurements: SigraMeasurementsShape<SigraSignalMap[S]['measurements'], C>;
    metadata: SigraMetadataShape<SigraSignalMap[S]['metadata'], C>;
  };
};

type StartEvents<C extends boolean> = {
  [P in SigraSpanPrefix as `${P}.start`]: {
    measurements: SpanStartMeasurements;
    metadata: SigraMetadataShape<SigraSpanMap[P]['start'], C> & SpanContextMetadata;
  };
};

type StopEvents<C extends boolean> = {
  [P in SigraSpanPrefix as `${P}.stop`]: {
    measurements: SpanStopMeasurements;
    metadata: SigraMetadataShape<SigraSpanMap[P]['start'] & Partial<SigraSpanMap[P]['stop']>, C> &
      SpanContextMetadata;
  };
};

type ExceptionEvents<C extends boolean> = {
  [P in SigraSpanPrefix as `${P}.exception`]: {
    measurements: SpanStopMeasurements;
    metadata: SigraMetadataShape<SigraSpanMap[P]['start'], C> & SpanExceptionMetadata;
  };
};

/**
 * What a handler receives for each event of the catalog, keyed by dotted event name: every span
 * prefix's `start`, `stop` and `exception` events, and every signal, in the shape
 * `SigraMetadataShape` gives them (open unless the catalog is closed, see `SigraCatalogConfig`).
 *
 * The stop keys of a span are optional even in a closed catalog: a stop event carries them only
 * when the caller derived them from the result, and derivation can fail without failing the
 * operation.
 *
 * @example
 * function onVerify(metadata: SigraEventMap['sigra.mfa.verify.stop']['metadata']) {
 *   if (metadata.result === 'failure') alert(metadata.user_id, metadata.attempts_remaining);
 * }
 * @publicApi
 */
export interface SigraEventMap<Closed extends boolean = SigraCatalogClosed>
  extends StartEvents<Closed>, StopEvents<Closed>, ExceptionEvents<Closed>, SignalInputs<Closed> {}

/** A dotted event name of the catalog, e.g. `'sigra.auth.login.stop'`. @publicApi */
export type SigraEventName = keyof SigraEventMap;
