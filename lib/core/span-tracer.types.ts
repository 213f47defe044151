import type { EventName, Measurements, Metadata } from '../shared/telemetry.types.js';

/**
 * Observes every span and signal, whatever handlers are attached, and runs each spanned function
 * inside a context of its own: the hook behind the OpenTelemetry bridge, in the spirit of
 * `diagnostics_channel`'s `bindStore`/`runStores`. Register one with `registerTracer`.
 *
 * Metadata has passed the metadata policy. A method that throws never reaches the traced code:
 * the tracer is unregistered and the failure goes to the core logger.
 *
 * @typeParam S - What the tracer keeps per span, e.g. an OpenTelemetry span and its context.
 * @example
 * const stop = registerTracer({
 *   startSpan: (prefix) => tracer.startSpan(prefix.join('.')),
 *   runInSpan: (span, fn) => context.with(trace.setSpan(context.active(), span), fn),
 *   stopSpan: (span) => span.end(),
 *   failSpan: (span) => span.end(),
 * });
 * @publicApi
 */
export interface SpanTracer<S = unknown> {
  /**
   * A span starts, before its function runs (for an Observable: on each subscription). The
   * measurements are `{ monotonic_time, system_time }`; the metadata carries
   * `telemetry_span_context`, as the `start` event does.
   */
  startSpan(prefix: EventName, measurements: Measurements, metadata: Metadata): S;
  /**
   * Runs `fn` inside the span's context: the spanned function, or an Observable's subscription.
   * Must call `fn` once and return what it returns (its value is what the caller gets anyway).
   */
  runInSpan<T>(state: S, fn: () => T): T;
  /** The span stopped: `{ duration, monotonic_time }` and the `stop` event's metadata. */
  stopSpan(state: S, measurements: Measurements, metadata: Metadata): void;
  /** The span threw: the `exception` event's measurements and metadata (`kind`, `reason`, `stacktrace`). */
  failSpan(state: S, measurements: Measurements, metadata: Metadata): void;
  /**
   * The function returned an Observable and nothing inside it needed the span: that call is not
   * a span (each subscription is one of its own), so this one ends without a `stop`. A tracer
   * should not have made anything of it yet (start its span lazily, on first use); if something
   * used it all the same, end it now. Not called when the caller knew ahead that the function
   * returns an Observable (`SigraSpanInterceptor`, a `@SigraSpan` method declared to return one):
   * then the tracer sees only the subscriptions.
   */
  discardSpan?(state: S): void;
  /** A one-shot signal emitted with `execute`, with its policy-applied metadata. */
  signal?(eventName: EventName, measurements: Measurements, metadata: Metadata): void;
}
