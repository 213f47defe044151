import {
  discardDiagnosticsSpan,
  endDiagnosticsSpan,
  openDiagnosticsSpan,
  publishDiagnosticsStart,
  runInDiagnosticsSpan,
  suspendDiagnosticsSpan,
  type DiagnosticsSpan,
} from './diagnostics-channel.functions.js';
import { registry, type SpanChannel } from './registry.state.js';
import { deliverPendingStarts } from './span-start.functions.js';
import type { SpanTracer } from './span-tracer.types.js';
import { isObservedThrough, tracerFailed } from './tracers.functions.js';
import type { Measurements, Metadata } from '../shared/telemetry.types.js';

/** A tracer that failed on this span gets no further call for it. */
const FAILED = Symbol('failed tracer');

/**
 * What observes one span besides its handlers: the registered tracers (each with its own state)
 * and the span's TracingChannel when someone subscribes to it. Opened before the function runs,
 * so that the function runs inside their contexts.
 */
export interface SpanObservation {
  readonly tracers: readonly SpanTracer[];
  /** Per tracer, its state for this span, or `FAILED`. */
  readonly states: unknown[];
  readonly diagnostics: DiagnosticsSpan | undefined;
}

/** Whether a span of this channel has anything to observe it besides handlers. */
export function isObserved(channel: SpanChannel): boolean {
  return isObservedThrough(channel.tracing);
}

/** Opens the observation of a starting span, or returns `undefined` when nothing observes it. */
export function openObservation(
  channel: SpanChannel,
  measurements: Measurements,
  metadata: Metadata,
): SpanObservation | undefined {
  if (!isObserved(channel)) return undefined;
  // A tracer or subscriber sees this span start inside its parent: the parent's deferred `start`
  // is due now, as it is when a handler sees anything happen inside it.
  deliverPendingStarts();
  const { prefix } = channel;
  const tracers = registry.tracers;
  const states: unknown[] = [];
  for (const tracer of tracers) {
    try {
      states.push(tracer.startSpan(prefix, measurements, metadata));
    } catch (error) {
      states.push(FAILED);
      tracerFailed(tracer, 'startSpan', error);
    }
  }
  const diagnostics = channel.tracing.hasSubscribers
    ? openDiagnosticsSpan(channel.tracing, prefix, measurements, metadata)
    : undefined;
  return { tracers, states, diagnostics };
}

/**
 * Opens the observation of a span whose function has already run outside it (see `runSpan`'s
 * `returnsObservable`): its TracingChannel `start` is published now, as `runStores` would have.
 */
export function openLateObservation(
  channel: SpanChannel,
  measurements: Measurements,
  metadata: Metadata,
): SpanObservation | undefined {
  const observation = openObservation(channel, measurements, metadata);
  if (observation?.diagnostics !== undefined) publishDiagnosticsStart(observation.diagnostics);
  return observation;
}

/**
 * Calls `fn` inside every tracer's context (the first registered outermost) and the
 * TracingChannel's stores. The caller gets what `fn` returned or threw, whatever a tracer does
 * around it.
 */
export function runObserved<T>(
  observation: SpanObservation,
  fn: (...args: never[]) => T,
  thisArg: unknown,
  args: ArrayLike<unknown>,
): T {
  const call = () => fn.apply(thisArg, args as never[]);
  const { diagnostics } = observation;
  const innermost =
    diagnostics === undefined ? call : () => runInDiagnosticsSpan(diagnostics, call);
  return observation.tracers.length === 0 ? innermost() : runInTracers(observation, 0, innermost);
}

function runInTracers<T>(observation: SpanObservation, index: number, fn: () => T): T {
  // The last tracer calls the function itself: one closure fewer on the common one-tracer path.
  const next =
    index + 1 === observation.tracers.length ? fn : () => runInTracers(observation, index + 1, fn);
  const state = observation.states[index];
  if (state === FAILED) return next();
  let entered = false;
  let failed = false;
  let value: T | undefined;
  let thrown: unknown;
  const inner = () => {
    entered = true;
    try {
      value = next();
    } catch (error) {
      failed = true;
      thrown = error;
    }
    if (failed) throw thrown;
    return value;
  };
  try {
    observation.tracers[index]!.runInSpan(state, inner);
  } catch (error) {
    if (!failed) fail(observation, index, 'runInSpan', error);
  }
  if (!entered) return next();
  if (failed) throw thrown;
  return value as T;
}

/** Calls one method of every tracer still in good standing on this span. */
function eachTracer(
  observation: SpanObservation,
  method: string,
  call: (tracer: SpanTracer, state: unknown) => void,
): void {
  for (let i = 0; i < observation.tracers.length; i++) {
    const state = observation.states[i];
    if (state === FAILED) continue;
    try {
      call(observation.tracers[i]!, state);
    } catch (error) {
      fail(observation, i, method, error);
    }
  }
}

function fail(observation: SpanObservation, index: number, method: string, error: unknown): void {
  observation.states[index] = FAILED;
  tracerFailed(observation.tracers[index]!, method, error);
}

/** The function returned a pending Promise, or an Observable subscription is live. */
export function suspendObservation(observation: SpanObservation): void {
  if (observation.diagnostics !== undefined) suspendDiagnosticsSpan(observation.diagnostics);
}

/** The span stopped, or threw (`failed`): each tracer's `stopSpan` or `failSpan`, then the channel. */
export function endObservation(
  observation: SpanObservation,
  failed: boolean,
  measurements: Measurements,
  metadata: Metadata,
  result: unknown,
): void {
  const method = failed ? 'failSpan' : 'stopSpan';
  eachTracer(observation, method, (tracer, state) => tracer[method](state, measurements, metadata));
  if (observation.diagnostics !== undefined) {
    endDiagnosticsSpan(observation.diagnostics, failed, measurements, metadata, result);
  }
}

/** See {@link SpanTracer.discardSpan}. */
export function discardObservation(observation: SpanObservation): void {
  eachTracer(observation, 'discardSpan', (tracer, state) => tracer.discardSpan?.(state));
  if (observation.diagnostics !== undefined) discardDiagnosticsSpan(observation.diagnostics);
}
