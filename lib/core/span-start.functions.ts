import { dispatch } from './execute.function.js';
import { registry, type EventNode } from './registry.state.js';
import type { Measurements, Metadata } from '../shared/telemetry.types.js';

/*
 * The deferred start of a span: the one part of the span protocol that reaches beyond the span
 * itself, kept here in one place.
 *
 * A span reads its start clock before its function runs, but delivers its `start` event only
 * once the function has returned: a function that returns an Observable has created it, not run
 * it, and its spans belong to each subscription. While the function runs, its start is pending.
 * Anything emitted in the meantime (a nested span, a signal, a handler's own event) and any
 * tracer opening a nested span first delivers every pending start, outermost first, so that
 * handlers always see a span's start before what happens inside it.
 *
 * The pending starts live on the process-wide registry (`pendingStarts`, innermost last, and
 * `undelivered`, the one number the hot path reads), shared by every copy of the package.
 */

/** A span's `start` event, due once its function returns (or sooner, see above). */
export interface PendingStart {
  readonly node: EventNode;
  readonly measurements: Measurements;
  readonly metadata: Metadata;
  delivered: boolean;
}

/** The function of `start`'s span is about to run: its start is pending until it returns. */
export function deferStart(start: PendingStart): void {
  registry.pendingStarts.push(start);
  registry.undelivered++;
}

/** The function of the innermost pending span returned or threw: it is pending no longer. */
export function settleStart(start: PendingStart): void {
  registry.pendingStarts.pop();
  if (!start.delivered) registry.undelivered--;
}

/** Delivers a span's start now, unless something inside its function already did. */
export function deliverStart(start: PendingStart): void {
  if (start.delivered) return;
  start.delivered = true;
  dispatch(start.node, start.measurements, start.metadata);
}

/**
 * Delivers every pending start, outermost first: called before any event reaches a handler and
 * before a tracer opens a span. With none pending it costs one number read.
 */
export function deliverPendingStarts(): void {
  if (registry.undelivered !== 0) deliverAllPending();
}

function deliverAllPending(): void {
  const pending = registry.pendingStarts.filter((start) => !start.delivered);
  // Mark all first: delivering one start dispatches, and that dispatch must not re-enter here.
  for (const start of pending) start.delivered = true;
  registry.undelivered = 0;
  for (const start of pending) dispatch(start.node, start.measurements, start.metadata);
}
