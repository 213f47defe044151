import { isObservable, Observable } from 'rxjs';
import { ensureNode, findNode, spanChannelOf } from './telemetry.event-tree.js';
import { describeThrown, dispatch, reportToCoreLogger } from './telemetry.execute.js';
import { registry, type PendingStart, type SpanChannel } from './telemetry.registry.js';
import { monotonicTime, systemTimeAt } from './telemetry.time.js';
import type { SpanStartMetadata, SpanStopMetadata } from './telemetry.event-types.js';
import type { EventName, Metadata } from './telemetry.types.js';
import {
  ArgumentError,
  assertFunction,
  assertPlainObject,
  describeValue,
  unreadableArgument,
} from './telemetry.validation.js';
import { REDACTED } from '../policy/index.js';

/**
 * What `stopMetadata` receives: the resolved value of a Promise, the last value of an Observable
 * (`undefined` if it emitted none), or the plain return value.
 * @publicApi
 */
export type SpanResult<T> =
  T extends Promise<infer V> ? V : T extends Observable<infer V> ? V | undefined : T;

/** Options of `span`. @publicApi */
export interface SpanOptions<TResult = unknown, TStop extends object = Metadata> {
  /**
   * Derives extra `stop` metadata from the result, e.g. `{ result: 'success', attempts_remaining }`.
   * Merged over the start metadata and passed through the metadata policy. If it throws, the stop
   * event carries the start metadata alone and the error goes to the core logger: a telemetry
   * callback never fails the operation it observes.
   */
  stopMetadata?: (result: TResult) => TStop;
}

/** A span that has read its start clock. */
interface RunningSpan extends PendingStart {
  readonly channel: SpanChannel;
  readonly startTime: number;
}

/**
 * A prefix's channel that stays valid as handlers come and go, for callers that span the same
 * prefix many times (the decorator).
 */
export function createSpanChannel(prefix: EventName): SpanChannel {
  const channel = spanChannelOf(ensureNode(prefix));
  channel.pinned = true;
  return channel;
}

/** True when at least one handler listens to one of the channel's events. */
export function isChannelActive(channel: SpanChannel): boolean {
  return (
    channel.start.handlers.length !== 0 ||
    channel.stop.handlers.length !== 0 ||
    channel.exception.handlers.length !== 0
  );
}

/**
 * Runs `fn` inside a span: emits `prefix + ['start']`, then `prefix + ['stop']` when it returns
 * or `prefix + ['exception']` when it throws, and returns what `fn` returned (an error is
 * rethrown, the same object).
 *
 * - `start`: measurements `{ monotonic_time, system_time }`; metadata = `metadata` +
 *   `telemetry_span_context` (fresh per call unless `metadata` carries one).
 * - `stop`: `{ duration, monotonic_time }`; metadata = start metadata + `options.stopMetadata(result)`.
 * - `exception`: `{ duration, monotonic_time }`; metadata = start metadata + `kind`, `reason`
 *   (the thrown value), `stacktrace`.
 * - A Promise (`instanceof Promise`; other thenables are treated as plain values and never
 *   called) ends the span when it settles. An RxJS Observable is traced per subscription, from
 *   subscribe to complete, error or unsubscribe; nothing is emitted until it is subscribed.
 * - The `start` event is delivered when `fn` returns (its clock is read before `fn` runs), so
 *   that an Observable's creation emits nothing. Any event emitted inside `fn` first delivers the
 *   pending start, so handlers always see a span start before what happens inside it.
 * - With no handler on any of the three events, `span` reads no clock, allocates nothing and
 *   returns `fn()`'s own value untouched.
 *
 * @example
 * const user = await span(['sigra', 'auth', 'login'], { method: 'password' }, () => login(input), {
 *   stopMetadata: (user) => ({ user_id: user.id }),
 * });
 * @publicApi
 */
export function span<const P extends EventName, T>(
  prefix: P,
  metadata: SpanStartMetadata<P>,
  fn: () => T,
  options?: SpanOptions<SpanResult<T>, SpanStopMetadata<P>>,
): T {
  const base = findNode('span', 'prefix', prefix);
  assertPlainObject('span', 'metadata', metadata);
  assertFunction('span', 'fn', fn);
  const deriveStop = stopDeriverOf(options);
  if (base === undefined || base.children.size === 0) return fn();
  const channel = spanChannelOf(base);
  if (!isChannelActive(channel)) return fn();
  return runSpan(channel, metadata, fn, undefined, NO_ARGS, deriveStop);
}

type StopDeriver = ((result: unknown) => Metadata) | undefined;

/** Validates `span`'s options (before `fn` runs: a bad option must not wait for a result). */
function stopDeriverOf(options: unknown): StopDeriver {
  if (options === undefined) return undefined;
  let stop: unknown;
  try {
    if (options === null || typeof options !== 'object') {
      throw new ArgumentError(
        `span: options must be an object such as { stopMetadata: (result) => ({ result: 'success' }) }, got ${describeValue(options)}.`,
      );
    }
    stop = (options as SpanOptions).stopMetadata;
  } catch (error) {
    throw unreadableArgument('span', 'options', error);
  }
  if (stop !== undefined) assertFunction('span', 'options.stopMetadata', stop);
  return stop as StopDeriver;
}

/** The arguments of a function called without any. */
export const NO_ARGS: readonly never[] = Object.freeze([]);

/**
 * The span algorithm behind `span`, `@SigraSpan` and the interceptor, for an active channel:
 * calls `fn` with `thisArg` and `args` (no closure needed to keep a method's `this`).
 */
export function runSpan<T>(
  channel: SpanChannel,
  metadata: Metadata,
  fn: (...args: never[]) => T,
  thisArg: unknown,
  args: ArrayLike<unknown>,
  deriveStop: StopDeriver,
): T {
  const sanitized = registry.sanitize(metadata);
  const running = startSpan(channel, sanitized, false);
  registry.pendingStarts.push(running);
  registry.undelivered++;
  let result: T;
  try {
    result = fn.apply(thisArg, args as never[]);
  } catch (error) {
    settle(running);
    deliverStart(running);
    emitException(running, error);
    throw error;
  }
  settle(running);
  if (isObservable(result)) {
    if (!running.delivered) {
      return traceSubscriptions(channel, sanitized, result, deriveStop) as T;
    }
    // Something inside `fn` already needed the start: the span covers the Observable's creation.
    emitStop(running, undefined, undefined);
    return result;
  }
  deliverStart(running);
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => {
        emitStop(running, value, deriveStop);
        return value;
      },
      (error: unknown) => {
        emitException(running, error);
        throw error;
      },
    ) as T;
  }
  emitStop(running, result, deriveStop);
  return result;
}

function startSpan(channel: SpanChannel, sanitized: Metadata, delivered: boolean): RunningSpan {
  const startTime = monotonicTime();
  return {
    channel,
    node: channel.start,
    startTime,
    measurements: { monotonic_time: startTime, system_time: systemTimeAt(startTime) },
    // The context first: a caller's own `telemetry_span_context` in `sanitized` overrides it,
    // as in Erlang. (A key after a spread would also cost ~20x more on Node 20's V8.)
    metadata: { telemetry_span_context: registry.nextSpanContext++, ...sanitized },
    delivered,
  };
}

/** Takes a span off the pending stack once its function has returned or thrown. */
function settle(running: RunningSpan): void {
  registry.pendingStarts.pop();
  if (!running.delivered) registry.undelivered--;
}

function deliverStart(running: RunningSpan): void {
  if (running.delivered) return;
  running.delivered = true;
  dispatch(running.node, running.measurements, running.metadata);
}

function endMeasurements(running: RunningSpan): { duration: number; monotonic_time: number } {
  const now = monotonicTime();
  return { duration: now - running.startTime, monotonic_time: now };
}

function emitStop(running: RunningSpan, result: unknown, deriveStop: StopDeriver): void {
  const measurements = endMeasurements(running);
  dispatch(running.channel.stop, measurements, stopMetadata(running, result, deriveStop));
}

function stopMetadata(running: RunningSpan, result: unknown, deriveStop: StopDeriver): Metadata {
  if (deriveStop === undefined) return running.metadata;
  const extra = callMetadataCallback('stopMetadata', running.channel, deriveStop, [result]);
  if (extra === undefined) return running.metadata;
  const metadata = withEntries(running.metadata, registry.sanitize(extra));
  metadata.telemetry_span_context = running.metadata.telemetry_span_context;
  return metadata;
}

/**
 * `{ ...base, ...extra }`, built by stores: on Node 20's V8 a second spread, or a key after a
 * spread, in one object literal takes a path about 20 times slower. An own `__proto__` key is
 * defined, never assigned, so it cannot swap the copy's prototype.
 */
function withEntries(base: Metadata, extra: Metadata): Metadata {
  const metadata = { ...base };
  for (const key in extra) {
    if (!Object.hasOwn(extra, key)) continue;
    if (key === '__proto__') {
      Object.defineProperty(metadata, key, {
        value: extra[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      metadata[key] = extra[key];
    }
  }
  return metadata;
}

/**
 * Runs a user callback that derives span metadata. A telemetry callback never fails the operation
 * it observes: if it throws or returns something other than a plain object, the error goes to the
 * core logger and the caller gets `undefined` (the span goes on without that metadata).
 */
export function callMetadataCallback(
  option: string,
  channel: SpanChannel,
  callback: (...args: never[]) => unknown,
  args: ArrayLike<unknown>,
): Metadata | undefined {
  try {
    const metadata = callback.apply(undefined, args as never[]);
    assertPlainObject('span', `the value returned by ${option}`, metadata);
    return metadata;
  } catch (error) {
    reportToCoreLogger(
      `Sigra telemetry: ${option} failed for span ${channel.start.name.slice(0, -1).join('.')}; the span goes on without it.`,
      error,
    );
    return undefined;
  }
}

function emitException(running: RunningSpan, error: unknown): void {
  const measurements = endMeasurements(running);
  dispatch(
    running.channel.exception,
    measurements,
    withEntries(running.metadata, failureMetadata(running, error)),
  );
}

/**
 * `kind`, `reason` and `stacktrace`, through the metadata policy like any metadata (an error's
 * message, stack and fields can hold a token). A strict policy refusing them must not replace the
 * error the caller is about to receive: the refusal is reported and the fields are redacted.
 */
function failureMetadata(running: RunningSpan, error: unknown): Metadata {
  const failure = describeThrown(error);
  try {
    return registry.sanitize(failure);
  } catch (refused) {
    reportToCoreLogger(
      `Sigra telemetry: the exception of span ${running.channel.start.name.slice(0, -1).join('.')} carries what the metadata policy refuses; its reason and stacktrace are redacted.`,
      refused,
    );
    return { kind: failure.kind, reason: REDACTED, stacktrace: REDACTED };
  }
}

/** One span per subscription: start on subscribe, stop on complete or unsubscribe, exception on error. */
function traceSubscriptions<V>(
  channel: SpanChannel,
  sanitized: Metadata,
  source: Observable<V>,
  deriveStop: StopDeriver,
): Observable<V> {
  return new Observable<V>((subscriber) => {
    const running = startSpan(channel, sanitized, true);
    dispatch(running.node, running.measurements, running.metadata);
    let ended = false;
    let last: V | undefined;
    const subscription = source.subscribe({
      next: (value) => {
        last = value;
        subscriber.next(value);
      },
      error: (error: unknown) => {
        ended = true;
        emitException(running, error);
        subscriber.error(error);
      },
      complete: () => {
        ended = true;
        try {
          emitStop(running, last, deriveStop);
        } catch (refused) {
          // A strict policy refusing the stop metadata: the subscriber gets the error, as the
          // caller of a sync or Promise span would, instead of an uncaught exception.
          subscriber.error(refused);
          return;
        }
        subscriber.complete();
      },
    });
    return () => {
      subscription.unsubscribe();
      if (!ended) {
        ended = true;
        emitStop(running, last, undefined);
      }
    };
  });
}
