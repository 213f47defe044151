import { reportToCoreLogger } from './execute.function.js';
import { registry } from './registry.state.js';
import type { SpanTracer } from './span-tracer.types.js';
import type { EventName, Measurements, Metadata } from '../shared/telemetry.types.js';
import { describeValue } from '../shared/value-description.functions.js';

const TRACER_METHODS = ['startSpan', 'runInSpan', 'stopSpan', 'failSpan'] as const;
const OPTIONAL_METHODS = ['discardSpan', 'signal'] as const;

/**
 * Whether an emission has anything to observe it besides handlers: a registered tracer, or a
 * subscriber to its `diagnostics_channel` (a span's TracingChannel or a signal's channel).
 */
export function isObservedThrough(published: { readonly hasSubscribers: boolean }): boolean {
  return registry.tracers.length !== 0 || published.hasSubscribers;
}

/**
 * Registers a tracer: from now on every span and signal reaches it (see {@link SpanTracer}),
 * and every spanned function runs inside the context it derives. Returns a function that
 * unregisters it (calling it again does nothing).
 *
 * With no tracer registered, spans take their usual path and cost nothing more.
 *
 * @example
 * const unregister = registerTracer(myTracer);
 * // …
 * unregister();
 * @publicApi
 */
export function registerTracer<S>(tracer: SpanTracer<S>): () => void {
  assertTracer(tracer);
  const entry = tracer as SpanTracer;
  if (registry.tracers.includes(entry)) {
    throw new Error('registerTracer: this tracer is already registered; register it once.');
  }
  registry.tracers = [...registry.tracers, entry];
  return () => unregisterTracer(entry);
}

function unregisterTracer(tracer: SpanTracer): void {
  registry.tracers = registry.tracers.filter((registered) => registered !== tracer);
}

function assertTracer(tracer: unknown): asserts tracer is SpanTracer {
  if (tracer === null || typeof tracer !== 'object') {
    throw new TypeError(`registerTracer: tracer must be an object, got ${describeValue(tracer)}.`);
  }
  const methods = tracer as Record<string, unknown>;
  for (const method of TRACER_METHODS) {
    if (typeof methods[method] !== 'function') {
      throw new TypeError(
        `registerTracer: tracer.${method} must be a function, got ${describeValue(methods[method])}.`,
      );
    }
  }
  for (const method of OPTIONAL_METHODS) {
    if (methods[method] !== undefined && typeof methods[method] !== 'function') {
      throw new TypeError(
        `registerTracer: tracer.${method} must be a function when given, got ${describeValue(methods[method])}.`,
      );
    }
  }
}

/**
 * A tracer method threw: like a failing handler, the tracer is unregistered and reported once,
 * and the traced code goes on as if it had never been there.
 */
export function tracerFailed(tracer: SpanTracer, method: string, error: unknown): void {
  if (!registry.tracers.includes(tracer)) return;
  unregisterTracer(tracer);
  reportToCoreLogger(
    `Sigra telemetry: a tracer failed in ${method} and has been unregistered.`,
    error,
  );
}

/** Hands a signal to every registered tracer that takes signals. */
export function signalTracers(
  eventName: EventName,
  measurements: Measurements,
  metadata: Metadata,
): void {
  for (const tracer of registry.tracers) {
    if (tracer.signal === undefined) continue;
    try {
      tracer.signal(eventName, measurements, metadata);
    } catch (error) {
      tracerFailed(tracer, 'signal', error);
    }
  }
}
