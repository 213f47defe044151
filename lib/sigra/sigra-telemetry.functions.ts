import {
  attach as attachAny,
  attachMany as attachManyAny,
  execute as executeAny,
  span as spanAny,
  type AttachResult,
  type ConfigArgument,
  type EventName,
  type Handler,
  type HandlerId,
  type SpanOptions,
  type SpanResult,
} from '../core/index.js';
import type {
  EventMeasurements,
  EventMetadata,
  SignalMeasurements,
  SignalMetadata,
  SpanStartMetadata,
  SpanStopMetadata,
} from './sigra-event.types.js';

/** `attach` under the catalog's types (see `attach`). */
type TypedAttach = <const E extends EventName, TConfig = undefined>(
  handlerId: HandlerId,
  eventName: E,
  handler: Handler<EventMeasurements<E>, EventMetadata<E>, TConfig>,
  ...[config]: ConfigArgument<TConfig>
) => AttachResult;

/** `attachMany` under the catalog's types (see `attachMany`). */
type TypedAttachMany = <const E extends EventName, TConfig = undefined>(
  handlerId: HandlerId,
  eventNames: readonly E[],
  handler: Handler<EventMeasurements<E>, EventMetadata<E>, TConfig>,
  ...[config]: ConfigArgument<TConfig>
) => AttachResult;

/*
 * Core's functions under the catalog's types: the same function objects (no wrapper, no cost at
 * run time), with each Sigra name's documented metadata and measurements checked at compile time.
 * A handler's parameters are narrowed by assertion: core passes whatever was emitted, and the
 * catalog's types are what Sigra's own emitters promise for their names.
 */

/**
 * Runs `fn` inside a span: emits `prefix + ['start']`, then `prefix + ['stop']` when it returns
 * or `prefix + ['exception']` when it throws, and returns what `fn` returned (an error is
 * rethrown, the same object).
 *
 * - `start`: measurements `{ monotonic_time, system_time }`; metadata = `metadata` +
 *   `telemetry_span_context` (fresh per call unless `metadata` carries one).
 * - `stop`: `{ duration, monotonic_time }`; metadata = start metadata + `options.stopMetadata(result)`.
 * - `exception`: `{ duration, monotonic_time }`; metadata = start metadata + `kind`, `reason`
 *   (the thrown value), `stacktrace`. With `options.classifyError`, a thrown value it classifies
 *   as an outcome ends the span with `stop` instead (the error is rethrown all the same).
 * - A Promise (`instanceof Promise`; other thenables are treated as plain values and never
 *   called) ends the span when it settles. An RxJS Observable is traced per subscription, from
 *   subscribe to complete, error or unsubscribe; nothing is emitted until it is subscribed.
 * - The `start` event is delivered when `fn` returns (its clock is read before `fn` runs), so
 *   that an Observable's creation emits nothing. Any event emitted inside `fn` first delivers the
 *   pending start, so handlers always see a span start before what happens inside it.
 * - With no handler on any of the three events, `span` reads no clock, allocates nothing and
 *   returns `fn()`'s own value untouched.
 *
 * A catalogued prefix takes its documented start keys with their types (`SpanStartMetadata`).
 *
 * @example
 * const user = await span(['sigra', 'auth', 'login'], { method: 'password' }, () => login(input), {
 *   stopMetadata: (user) => ({ user_id: user.id, result: 'success' }),
 * });
 * @publicApi
 */
export const span: <const P extends EventName, T>(
  prefix: P,
  metadata: SpanStartMetadata<P>,
  fn: () => T,
  options?: SpanOptions<SpanResult<T>, SpanStopMetadata<P>>,
) => T = spanAny;

/**
 * Emits one event: calls every handler attached to exactly `eventName`, synchronously, in attach
 * order, as `handler(eventName, measurements, metadata, config)`. Measurements and metadata pass
 * the metadata policy once, before the first handler, and handlers get the sanitized copies.
 * Returns nothing and never throws a handler's error; it throws only on bad arguments (a
 * `TypeError`, nothing emitted) or, in the policy's strict mode, on a forbidden metadata key.
 *
 * Registered tracers (`registerTracer`) receive the signal too, and it is published on the
 * `diagnostics_channel` `sigra.<name>` while someone subscribes. With none of these listening to
 * `eventName` it costs one lookup. A catalogued signal takes its documented keys with their types
 * (`SignalMetadata`, `SignalMeasurements`).
 *
 * @example
 * execute(['sigra', 'security', 'rate_limited'], { count: 1 }, { key: 'ip:1.2.3.4' });
 * @publicApi
 */
export const execute: <const E extends EventName>(
  eventName: E,
  measurements?: SignalMeasurements<E>,
  metadata?: SignalMetadata<E>,
) => void = executeAny;

/**
 * Attaches `handler` to one event name, under an id unique in the process.
 *
 * Matching is exact: a handler on `['sigra','auth','login','stop']` is not called for
 * `['sigra','auth','login']` nor for longer names. A duplicate id returns `'already_exists'` and
 * keeps the first handler. A handler that throws, or returns a promise that rejects, is detached
 * from all its events, `['telemetry','handler','failure']` is emitted, and the failure is logged
 * once; the code that emitted the event never sees it. The handler of a catalogued event receives
 * its documented metadata and measurements (`EventMetadata`, `EventMeasurements`).
 *
 * @example
 * attach('audit-logins', ['sigra', 'auth', 'login', 'stop'], (event, measurements, metadata) => {
 *   audit.record(metadata.user_id, measurements.duration);
 * });
 * @publicApi
 */
export const attach = attachAny as TypedAttach;

/**
 * Attaches one handler to several event names under one id (see `attach`). An empty list attaches
 * nothing and returns `'ok'`, as in Erlang's `:telemetry`; a name listed twice is refused.
 * @publicApi
 */
export const attachMany = attachManyAny as TypedAttachMany;
