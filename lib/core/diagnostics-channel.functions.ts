import { channel, type Channel, type TracingChannel } from 'node:diagnostics_channel';
import { diagnosticsChannelName } from './diagnostics-channel-name.function.js';
import { registry, type EventNode } from './registry.state.js';
import type { EventName, Measurements, Metadata } from '../shared/telemetry.types.js';
import { REDACTED } from '../shared/metadata-markers.constants.js';

/**
 * The context object of a span on its TracingChannel `tracing:sigra.<prefix>:*`, one per span
 * (per subscription for an Observable), gaining `result` or `error` as Node's own
 * `traceSync`/`tracePromise` contexts do. Everything in it has passed the metadata policy.
 * @publicApi
 */
export interface SigraTraceContext {
  /** The span prefix, e.g. `['sigra', 'auth', 'login']`. */
  readonly name: EventName;
  /** The measurements of the latest event: start, then stop or exception. */
  measurements: Measurements;
  /** The start metadata, replaced by the stop or exception metadata when the span ends. */
  metadata: Metadata;
  /** What the function returned or resolved to (an Observable: its last value), policy-applied. */
  result?: unknown;
  /** What the function threw or rejected with, policy-applied. */
  error?: unknown;
}

/**
 * The message of a one-shot signal on its channel `sigra.<name>`.
 * @publicApi
 */
export interface SigraSignalMessage {
  readonly name: EventName;
  readonly measurements: Measurements;
  readonly metadata: Metadata;
}

/** One span on its TracingChannel. */
export interface DiagnosticsSpan {
  readonly tracing: TracingChannel<unknown, object>;
  readonly context: SigraTraceContext;
  /** `end` is out: the rest comes as `asyncStart`/`asyncEnd`. */
  suspended: boolean;
}

export function openDiagnosticsSpan(
  tracing: TracingChannel<unknown, object>,
  name: EventName,
  measurements: Measurements,
  metadata: Metadata,
): DiagnosticsSpan {
  return { tracing, context: { name, measurements, metadata }, suspended: false };
}

/** Runs `fn` through `start.runStores`: publishes `start`, and stores bound with `bindStore` apply. */
export function runInDiagnosticsSpan<T>(span: DiagnosticsSpan, fn: () => T): T {
  return span.tracing.start.runStores(span.context, fn);
}

/** `start` without running anything: the function ran before the span was known to be one. */
export function publishDiagnosticsStart(span: DiagnosticsSpan): void {
  span.tracing.start.publish(span.context);
}

/** The function returned a pending Promise or a live subscription: `end` now, the rest later. */
export function suspendDiagnosticsSpan(span: DiagnosticsSpan): void {
  span.suspended = true;
  span.tracing.end.publish(span.context);
}

/**
 * The span ended: `result` (policy-applied) for a stop, `error` (the exception metadata's
 * `reason`, policy-applied already) and the `error` event for an exception.
 */
export function endDiagnosticsSpan(
  span: DiagnosticsSpan,
  failed: boolean,
  measurements: Measurements,
  metadata: Metadata,
  result: unknown,
): void {
  const { context } = span;
  context.measurements = measurements;
  context.metadata = metadata;
  if (failed) {
    context.error = metadata.reason;
    span.tracing.error.publish(context);
  } else {
    context.result = policyApplied(result);
  }
  if (span.suspended) {
    span.tracing.asyncStart.publish(context);
    span.tracing.asyncEnd.publish(context);
  } else {
    span.tracing.end.publish(context);
  }
}

/** An Observable's creation that turned out not to be a span: it still gets its `end`. */
export function discardDiagnosticsSpan(span: DiagnosticsSpan): void {
  if (!span.suspended) span.tracing.end.publish(span.context);
}

/**
 * A return value through the metadata policy (a login's result can hold a session token). A
 * strict policy refusing it must not fail the operation: the subscriber gets the redaction mark.
 */
function policyApplied(result: unknown): unknown {
  if (result === undefined) return undefined;
  try {
    return registry.sanitize({ result }).result;
  } catch {
    return REDACTED;
  }
}

/** The plain channel of a signal name, created on first use and kept on its node. */
export function signalChannelOf(node: EventNode): Channel {
  return (node.signalChannel ??= channel(diagnosticsChannelName(node.name)));
}

/** Publishes a signal on `sigra.<name>` (metadata policy-applied already). */
export function publishSignal(
  signal: Channel,
  name: EventName,
  measurements: Measurements,
  metadata: Metadata,
): void {
  const message: SigraSignalMessage = { name, measurements, metadata };
  signal.publish(message);
}
