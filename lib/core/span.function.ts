import {
  isObservable,
  Observable,
  type Observer,
  type Subscriber,
  type Unsubscribable,
} from 'rxjs';
import {
  ensureNode,
  findSpanPrefix,
  spanChannelOf,
  transientSpanChannel,
} from './event-tree.functions.js';
import { describeThrown, dispatch, reportToCoreLogger } from './execute.function.js';
import { registry, type SpanChannel } from './registry.state.js';
import {
  deferStart,
  deliverStart,
  settleStart,
  type PendingStart,
} from './span-start.functions.js';
import {
  discardObservation,
  endObservation,
  isObserved,
  openLateObservation,
  openObservation,
  runObserved,
  suspendObservation,
  type SpanObservation,
} from './span-observation.functions.js';
import { defineValue } from '../shared/property-keys.functions.js';
import { monotonicTime, systemTimeAt } from './time.functions.js';
import type { EventName, Metadata } from '../shared/telemetry.types.js';
import {
  ArgumentError,
  assertFunction,
  assertPlainObject,
  unreadableArgument,
} from './argument-validation.functions.js';
import { describeValue } from '../shared/value-description.functions.js';
import { REDACTED } from '../shared/metadata-markers.constants.js';

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
  /**
   * Classifies a thrown value (or rejection, or Observable error): stop metadata ends the span
   * with `stop` carrying it, as an expected outcome (e.g. `{ result: 'failure', status: 401 }`
   * for a refused login); `undefined` ends it with `exception`, as without this option. Either
   * way the caller gets the error, the same object. If it throws or returns something other
   * than a plain object or `undefined`, the error goes to the core logger and the span ends
   * with `exception`.
   *
   * @example
   * span(SigraSpans.auth.login, { ip }, () => login(input), {
   *   classifyError: (error) =>
   *     error instanceof InvalidCredentials ? { result: 'failure' } : undefined,
   * });
   */
  classifyError?: (error: unknown) => TStop | undefined;
}

/** A span that has read its start clock. */
interface RunningSpan extends PendingStart {
  readonly channel: SpanChannel;
  readonly startTime: number;
  /** Tracers and TracingChannel subscribers of this span, if any. */
  observation: SpanObservation | undefined;
  /**
   * The call was declared to return an Observable: tracers and subscribers were not opened
   * around it, and see it only if it turns out to be a span after all (see `observeLate`).
   */
  observeLate: boolean;
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

/**
 * True when at least one handler listens to one of the channel's events, a tracer is registered
 * or someone subscribes to the channel's TracingChannel.
 */
export function isChannelActive(channel: SpanChannel): boolean {
  return (
    channel.start.handlers.length !== 0 ||
    channel.stop.handlers.length !== 0 ||
    channel.exception.handlers.length !== 0 ||
    isObserved(channel)
  );
}

/** `span` with generic metadata; documented, under the catalog's types, in `lib/sigra`. */
export function span<T>(
  prefix: EventName,
  metadata: Metadata,
  fn: () => T,
  options?: SpanOptions<SpanResult<T>>,
): T {
  const base = findSpanPrefix(prefix);
  assertPlainObject('span', 'metadata', metadata);
  assertFunction('span', 'fn', fn);
  const { deriveStop, classifyError } = options === undefined ? NO_OPTIONS : spanOptionsOf(options);
  const channel = base === undefined || base.children.size === 0 ? undefined : spanChannelOf(base);
  if (channel === undefined) {
    // A registered tracer sees every span, also on a name no handler made known.
    if (registry.tracers.length === 0) return fn();
    const observed = base === undefined ? transientSpanChannel(prefix) : spanChannelOf(base);
    return runSpan(observed, metadata, fn, undefined, NO_ARGS, deriveStop, classifyError);
  }
  if (!isChannelActive(channel)) return fn();
  return runSpan(channel, metadata, fn, undefined, NO_ARGS, deriveStop, classifyError);
}

type StopDeriver = ((result: unknown) => Metadata) | undefined;

/** `span`'s options, validated before `fn` runs: a bad option must not wait for a result. */
function spanOptionsOf(options: unknown): {
  deriveStop: StopDeriver;
  classifyError: ErrorClassifier;
} {
  let stop: unknown;
  let classify: unknown;
  try {
    if (options === null || typeof options !== 'object') {
      throw new ArgumentError(
        `span: options must be an object such as { stopMetadata: (result) => ({ result: 'success' }) }, got ${describeValue(options)}.`,
      );
    }
    stop = (options as SpanOptions).stopMetadata;
    classify = (options as SpanOptions).classifyError;
  } catch (error) {
    throw unreadableArgument('span', 'options', error);
  }
  if (stop !== undefined) assertFunction('span', 'options.stopMetadata', stop);
  if (classify !== undefined) assertFunction('span', 'options.classifyError', classify);
  return { deriveStop: stop as StopDeriver, classifyError: classify as ErrorClassifier };
}

const NO_OPTIONS = Object.freeze({ deriveStop: undefined, classifyError: undefined });

/** See `SpanOptions.classifyError`. */
export type ErrorClassifier = ((error: unknown) => Metadata | undefined) | undefined;

/** The arguments of a function called without any. */
const NO_ARGS: readonly never[] = Object.freeze([]);

/**
 * The span algorithm behind `span`, `@SigraSpan` and the interceptor, for an active channel:
 * calls `fn` with `thisArg` and `args` (no closure needed to keep a method's `this`).
 *
 * `returnsObservable`: the caller knows `fn` returns an Observable (the interceptor, a method
 * declared to return one). Tracers and TracingChannel subscribers must open their span before
 * `fn` runs, when it is not yet known whether the call is a span at all; a TracingChannel
 * cannot take back a published `start`. Knowing ahead, they are left out of the creating call,
 * which is a span for them only when it turns out to be one: it threw, something inside it
 * delivered the start, or it returned something else after all.
 */
export function runSpan<T>(
  channel: SpanChannel,
  metadata: Metadata,
  fn: (...args: never[]) => T,
  thisArg: unknown,
  args: ArrayLike<unknown>,
  deriveStop: StopDeriver,
  classifyError?: ErrorClassifier,
  returnsObservable = false,
): T {
  const sanitized = registry.sanitize(metadata);
  const running = startSpan(channel, sanitized, false, returnsObservable);
  deferStart(running);
  let result: T;
  try {
    const { observation } = running;
    result =
      observation === undefined
        ? fn.apply(thisArg, args as never[])
        : runObserved(observation, fn, thisArg, args);
  } catch (error) {
    settleStart(running);
    deliverStart(running);
    observeLate(running);
    emitError(running, error, classifyError);
    throw error;
  }
  settleStart(running);
  if (isObservable(result)) {
    if (!running.delivered) {
      if (running.observation !== undefined) discardObservation(running.observation);
      const source = result as Observable<unknown>;
      const subscribe = (observer: Observer<unknown>) => source.subscribe(observer);
      return traceSubscriptions(channel, sanitized, subscribe, deriveStop, classifyError) as T;
    }
    // Something inside `fn` already needed the start: the span covers the Observable's creation.
    observeLate(running);
    emitStop(running, undefined, undefined);
    return result;
  }
  deliverStart(running);
  observeLate(running);
  if (result instanceof Promise) {
    if (running.observation !== undefined) suspendObservation(running.observation);
    return result.then(
      (value: unknown) => {
        emitStop(running, value, deriveStop);
        return value;
      },
      (error: unknown) => {
        emitError(running, error, classifyError);
        throw error;
      },
    ) as T;
  }
  emitStop(running, result, deriveStop);
  return result;
}

function startSpan(
  channel: SpanChannel,
  sanitized: Metadata,
  delivered: boolean,
  knownObservable: boolean,
): RunningSpan {
  const startTime = monotonicTime();
  const measurements = { monotonic_time: startTime, system_time: systemTimeAt(startTime) };
  // The context first: a caller's own `telemetry_span_context` in `sanitized` overrides it,
  // as in Erlang. (A key after a spread would also cost ~20x more on Node 20's V8.)
  const metadata = { telemetry_span_context: registry.nextSpanContext++, ...sanitized };
  return {
    channel,
    node: channel.start,
    startTime,
    measurements,
    metadata,
    delivered,
    observation: knownObservable ? undefined : openObservation(channel, measurements, metadata),
    observeLate: knownObservable,
  };
}

/**
 * A creating call left out of tracers and subscribers turned out to be a span: they see it now,
 * from its measured start, as a child of the context it was called in (it ran outside theirs).
 */
function observeLate(running: RunningSpan): void {
  if (!running.observeLate) return;
  running.observeLate = false;
  running.observation = openLateObservation(
    running.channel,
    running.measurements,
    running.metadata,
  );
}

function endMeasurements(running: RunningSpan): { duration: number; monotonic_time: number } {
  const now = monotonicTime();
  return { duration: now - running.startTime, monotonic_time: now };
}

function emitStop(running: RunningSpan, result: unknown, deriveStop: StopDeriver): void {
  endWithStop(running, result, deriveStop, undefined);
}

/**
 * Dispatches `stop` with `outcome` (a classified error's metadata, built already) or else what
 * `deriveStop` derives from the result, and ends the tracers' span with it.
 */
function endWithStop(
  running: RunningSpan,
  result: unknown,
  deriveStop: StopDeriver,
  outcome: Metadata | undefined,
): void {
  const measurements = endMeasurements(running);
  let metadata = running.metadata;
  try {
    metadata = outcome ?? stopMetadata(running, result, deriveStop);
    dispatch(running.channel.stop, measurements, metadata);
  } finally {
    // Also when a strict policy refuses the stop metadata: the tracers' span still ends.
    if (running.observation !== undefined) {
      endObservation(running.observation, false, measurements, metadata, result);
    }
  }
}

function stopMetadata(running: RunningSpan, result: unknown, deriveStop: StopDeriver): Metadata {
  if (deriveStop === undefined) return running.metadata;
  const extra = callMetadataCallback('stopMetadata', running.channel, deriveStop, [result]);
  return extra === undefined ? running.metadata : withStop(running, extra);
}

/** The start metadata with `extra` over it, through the policy; the span's context is kept. */
function withStop(running: RunningSpan, extra: Metadata): Metadata {
  const metadata = withEntries(running.metadata, registry.sanitize(extra));
  metadata.telemetry_span_context = running.metadata.telemetry_span_context;
  return metadata;
}

/**
 * `{ ...base, ...extra }`, built by stores into a fresh literal. On Node 20's V8 a second
 * spread, or a key after a spread, in one object literal takes a path about 20 times slower, and
 * so does any key stored into an object a spread made (`{ ...base }` then `extra`'s keys: about
 * 400 ns for one key, against about 60 ns this way). An own `__proto__` key is defined, never
 * assigned, so it cannot swap the copy's prototype.
 */
function withEntries(base: Metadata, extra: Metadata): Metadata {
  const metadata: Metadata = {};
  copyEntries(metadata, base);
  copyEntries(metadata, extra);
  return metadata;
}

function copyEntries(to: Metadata, from: Metadata): void {
  for (const key in from) {
    if (!Object.hasOwn(from, key)) continue;
    if (key === '__proto__') {
      defineValue(to, key, from[key]);
    } else {
      to[key] = from[key];
    }
  }
}

/**
 * Runs a user callback that derives span metadata. A telemetry callback never fails the operation
 * it observes: if it throws or returns something other than a plain object, the error goes to the
 * core logger and the caller gets `undefined` (the span goes on without that metadata). With
 * `mayDecline`, `undefined` is an answer too (`classifyError`: not an outcome).
 */
export function callMetadataCallback(
  option: string,
  channel: SpanChannel,
  callback: (...args: never[]) => unknown,
  args: ArrayLike<unknown>,
  mayDecline = false,
): Metadata | undefined {
  try {
    const metadata = callback.apply(undefined, args as never[]);
    if (mayDecline && metadata === undefined) return undefined;
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

/** Ends a span whose function threw: `stop` if `classifyError` says it is an outcome. */
function emitError(running: RunningSpan, error: unknown, classifyError: ErrorClassifier): void {
  const outcome =
    classifyError === undefined
      ? undefined
      : callMetadataCallback('classifyError', running.channel, classifyError, [error], true);
  let metadata: Metadata | undefined;
  try {
    if (outcome !== undefined) metadata = withStop(running, outcome);
  } catch (refused) {
    // A strict policy refusing the outcome must not replace the error the caller receives.
    reportToCoreLogger(
      `Sigra telemetry: classifyError of span ${running.channel.start.name.slice(0, -1).join('.')} returned what the metadata policy refuses; the span ends with exception.`,
      refused,
    );
  }
  if (metadata === undefined) emitException(running, error);
  else endWithStop(running, undefined, undefined, metadata);
}

function emitException(running: RunningSpan, error: unknown): void {
  const measurements = endMeasurements(running);
  const metadata = withEntries(running.metadata, failureMetadata(running, error));
  dispatch(running.channel.exception, measurements, metadata);
  if (running.observation !== undefined) {
    endObservation(running.observation, true, measurements, metadata, undefined);
  }
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

/**
 * One span per subscription of what `subscribe` subscribes to, for a caller that knows it spans
 * an Observable and has no function to run first (the interceptor: Nest's response stream):
 * start on subscribe, stop on complete or unsubscribe, exception on error. `metadata` passes the
 * policy now, once for every subscription.
 */
export function spanSubscriptions<V>(
  channel: SpanChannel,
  metadata: Metadata,
  subscribe: (observer: Observer<V>) => Unsubscribable,
  deriveStop: StopDeriver,
  classifyError: ErrorClassifier,
): Observable<V> {
  return traceSubscriptions(
    channel,
    registry.sanitize(metadata),
    subscribe,
    deriveStop,
    classifyError,
  );
}

/** One span per subscription: start on subscribe, stop on complete or unsubscribe, exception on error. */
function traceSubscriptions<V>(
  channel: SpanChannel,
  sanitized: Metadata,
  subscribe: (observer: Observer<V>) => Unsubscribable,
  deriveStop: StopDeriver,
  classifyError: ErrorClassifier,
): Observable<V> {
  return new Observable<V>((subscriber) => {
    const running = startSpan(channel, sanitized, true, false);
    dispatch(running.node, running.measurements, running.metadata);
    const spanned = new SpannedSubscription(running, subscriber, deriveStop, classifyError);
    const { observation } = running;
    try {
      spanned.source =
        observation === undefined
          ? subscribe(spanned)
          : runObserved(observation, subscribe, undefined, [spanned]);
    } catch (error) {
      // The source threw instead of subscribing (a hand-written CallHandler, say): the span
      // ends as for a stream that errors at once; after its end, RxJS reports the throw.
      if (spanned.ended) throw error;
      spanned.error(error);
      return spanned;
    }
    if (observation !== undefined && !spanned.ended) suspendObservation(observation);
    return spanned;
  });
}

/**
 * One subscription's span: the observer of the source and the teardown of the subscriber in one
 * object, instead of three callbacks and a teardown closure per subscription.
 */
class SpannedSubscription<V> implements Observer<V>, Unsubscribable {
  ended = false;
  last: V | undefined = undefined;
  source: Unsubscribable | undefined = undefined;

  constructor(
    private readonly running: RunningSpan,
    private readonly subscriber: Subscriber<V>,
    private readonly deriveStop: StopDeriver,
    private readonly classifyError: ErrorClassifier,
  ) {}

  next(value: V): void {
    this.last = value;
    this.subscriber.next(value);
  }

  error(error: unknown): void {
    this.ended = true;
    emitError(this.running, error, this.classifyError);
    this.subscriber.error(error);
  }

  complete(): void {
    this.ended = true;
    try {
      emitStop(this.running, this.last, this.deriveStop);
    } catch (refused) {
      // A strict policy refusing the stop metadata: the subscriber gets the error, as the
      // caller of a sync or Promise span would, instead of an uncaught exception.
      this.subscriber.error(refused);
      return;
    }
    this.subscriber.complete();
  }

  /** The subscriber's teardown: after complete or error, or an unsubscribe before either. */
  unsubscribe(): void {
    this.source?.unsubscribe();
    if (!this.ended) {
      this.ended = true;
      emitStop(this.running, this.last, undefined);
    }
  }
}
