import { detach, isAttached } from './handlers.functions.js';
import { coreReportArguments } from './core-report.functions.js';
import { findNode } from './event-tree.functions.js';
import { registry, type EventNode, type HandlerRecord } from './registry.state.js';
import { monotonicTime } from './time.functions.js';
import { publishSignal, signalChannelOf } from './diagnostics-channel.functions.js';
import { isObservedThrough, signalTracers } from './tracers.functions.js';
import { deliverPendingStarts } from './span-start.functions.js';
import type { EventName, Measurements, Metadata } from '../shared/telemetry.types.js';
import { assertPlainObject } from './argument-validation.functions.js';

/** Emitted when a handler fails and is detached. @publicApi */
export const HANDLER_FAILURE_EVENT: EventName = Object.freeze(['telemetry', 'handler', 'failure']);

/**
 * How deep handlers may nest through emissions: a handler that emits an event whose handlers
 * emit again… Legitimate chains are a few levels deep; a handler that re-emits into itself,
 * directly or through others, would otherwise recurse until the stack overflows.
 */
export const MAX_DISPATCH_DEPTH = 32;

const NO_MEASUREMENTS: Measurements = Object.freeze({});
const NO_METADATA: Metadata = Object.freeze({});

/** `execute` with generic metadata; documented, under the catalog's types, in `lib/sigra`. */
export function execute(
  eventName: EventName,
  measurements: Measurements = NO_MEASUREMENTS,
  metadata: Metadata = NO_METADATA,
): void {
  const node = findNode('execute', 'eventName', eventName);
  assertPlainObject('execute', 'measurements', measurements);
  assertPlainObject('execute', 'metadata', metadata);
  if (node === undefined) {
    if (registry.tracers.length !== 0) observeSignal(undefined, eventName, measurements, metadata);
    return;
  }
  if (node.handlers.length === 0 && !isSignalObserved(node)) return;
  observeSignal(node, eventName, measurements, metadata);
}

/**
 * Dispatches a signal to its handlers, then hands it to the tracers and publishes it on its
 * `diagnostics_channel`: measurements and metadata pass the policy once, for all of them.
 */
function observeSignal(
  node: EventNode | undefined,
  eventName: EventName,
  measurements: Measurements,
  metadata: Metadata,
): void {
  const sanitized = registry.sanitize(metadata);
  const measured = registry.sanitize(measurements);
  if (node === undefined) {
    signalTracers(eventName, measured, sanitized);
    return;
  }
  dispatch(node, measured, sanitized);
  signalTracers(node.name, measured, sanitized);
  const signal = signalChannelOf(node);
  if (signal.hasSubscribers) publishSignal(signal, node.name, measured, sanitized);
}

function isSignalObserved(node: EventNode): boolean {
  return isObservedThrough(signalChannelOf(node));
}

/**
 * Calls a node's handlers on a snapshot of its list. Metadata has passed the policy already.
 * Spans whose `start` is still pending deliver it first (see `span-start.functions.ts`).
 *
 * An emission from a handler already {@link MAX_DISPATCH_DEPTH} calls deep is dropped, and the
 * handler that made it fails (detached, reported, `telemetry.handler.failure` emitted): that is
 * where a loop closes, and the emitter must never see a stack overflow.
 */
export function dispatch(node: EventNode, measurements: Measurements, metadata: Metadata): void {
  if (registry.depth >= MAX_DISPATCH_DEPTH) return refuseReentry();
  deliverPendingStarts();
  const handlers = node.handlers;
  for (let i = 0; i < handlers.length; i++) {
    invoke(handlers[i]!, node.name, measurements, metadata);
  }
}

function invoke(
  record: HandlerRecord,
  eventName: EventName,
  measurements: Measurements,
  metadata: Metadata,
): void {
  const outer = registry.invoking;
  registry.invoking = record;
  registry.depth++;
  try {
    const returned = (record.handler as (...args: unknown[]) => unknown)(
      eventName,
      measurements,
      metadata,
      record.config,
    );
    if (returned !== undefined) watchSettlement(record, eventName, returned);
  } catch (error) {
    handlerFailed(record, eventName, error);
  } finally {
    registry.depth--;
    registry.invoking = outer;
  }
}

/**
 * Treats what a handler returned as `await` would: anything with a callable `then` is a promise,
 * whatever realm it comes from (`instanceof Promise` misses another realm's, whose rejection would
 * then go unhandled on every emission). A `then` getter or method that throws fails the handler;
 * the caller's `try` sees it.
 */
function watchSettlement(record: HandlerRecord, eventName: EventName, returned: unknown): void {
  if (returned === null || (typeof returned !== 'object' && typeof returned !== 'function')) return;
  const then: unknown = (returned as { then?: unknown }).then;
  if (typeof then !== 'function') return;
  then.call(returned, undefined, (error: unknown) => handlerFailed(record, eventName, error));
}

/**
 * Fails the innermost running handler for emitting past {@link MAX_DISPATCH_DEPTH}. Its failure
 * is handled at depth 0, so that the failure event itself is not refused the same way.
 */
function refuseReentry(): void {
  const culprit = registry.invoking!;
  const depth = registry.depth;
  registry.depth = 0;
  registry.invoking = undefined;
  try {
    handlerFailed(
      culprit,
      culprit.eventName,
      new RangeError(
        `handler ${String(culprit.id)} re-entered the dispatch ${MAX_DISPATCH_DEPTH} levels deep: it emits, directly or through other handlers, an event that calls it again.`,
      ),
    );
  } finally {
    registry.depth = depth;
    registry.invoking = culprit;
  }
}

function handlerFailed(record: HandlerRecord, eventName: EventName, error: unknown): void {
  // Report each failure once: a handler already detached (by us or by its owner) is not reported
  // again, even if a promise it returned earlier rejects later.
  if (!isAttached(record)) return;
  detach(record.id);
  const failure = describeThrown(error);
  // Logged first, so that a failure event the strict metadata policy refuses still leaves a trace.
  reportToCoreLogger(
    `Sigra telemetry handler ${String(record.id)} failed on event ${eventName.join('.')} and has been detached (kind=${failure.kind}).`,
    error,
  );
  try {
    execute(
      HANDLER_FAILURE_EVENT,
      { monotonic_time: monotonicTime(), system_time: Date.now() },
      { event_name: eventName, handler_id: record.id, handler_config: record.config, ...failure },
    );
  } catch (refused) {
    reportToCoreLogger(
      `Sigra telemetry: the failure event of handler ${String(record.id)} was refused.`,
      refused,
    );
  }
}

/**
 * Hands a report to the core logger, through the metadata policy and escaped like every other
 * way out (see `coreReportArguments`). A logger that throws has nowhere left to report to, and
 * must not turn a telemetry problem into a failure of the code that emitted the event.
 */
export function reportToCoreLogger(message: string, error: unknown): void {
  try {
    registry.logger.error(...coreReportArguments(message, error));
  } catch {
    // Deliberately dropped: see above.
  }
}

/**
 * Erlang's (kind, reason, stacktrace) triple for a thrown value. Never throws, even for an error
 * whose `stack` getter throws or a revoked proxy.
 * @internal
 */
export function describeThrown(error: unknown): {
  kind: 'error' | 'throw';
  reason: unknown;
  stacktrace: string;
} {
  try {
    if (error instanceof Error) {
      return { kind: 'error', reason: error, stacktrace: String(error.stack ?? '') };
    }
  } catch {
    return { kind: 'error', reason: error, stacktrace: '' };
  }
  return { kind: 'throw', reason: error, stacktrace: '' };
}
