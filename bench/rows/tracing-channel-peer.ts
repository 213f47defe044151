import { tracingChannel, type TracingChannelSubscribers } from 'node:diagnostics_channel';

/** What a timing subscriber keeps on the trace context: both clock reads. */
export interface TimedContext {
  user_id: number;
  startedAt?: number;
  duration?: number;
}

function markStart(context: TimedContext): void {
  context.startedAt = performance.now();
}

function markEnd(context: TimedContext): void {
  context.duration = performance.now() - context.startedAt!;
}

/**
 * Node skips the events a subscriber object leaves out (its typings ask for all five), so a
 * subscriber that only times pays for no other event.
 */
function timingSubscriber(endEvent: 'end' | 'asyncEnd'): TracingChannelSubscribers<TimedContext> {
  const partial: Partial<TracingChannelSubscribers<TimedContext>> = {
    start: markStart,
    [endEvent]: markEnd,
  };
  return partial as TracingChannelSubscribers<TimedContext>;
}

/**
 * The TracingChannels of the peer rows. The timing subscribers read the clock at start and at
 * end, as every APM subscriber does, and subscribe only to what timing needs (`end` for sync
 * calls, `asyncEnd` for promises): the cheapest honest subscriber.
 */
export function createTracingChannels() {
  const idle = tracingChannel<unknown, TimedContext>('bench:tracing:none');
  const timedSync = tracingChannel<unknown, TimedContext>('bench:tracing:timed-sync');
  const timedAsync = tracingChannel<unknown, TimedContext>('bench:tracing:timed-async');
  timedSync.subscribe(timingSubscriber('end'));
  timedAsync.subscribe(timingSubscriber('asyncEnd'));
  return { idle, timedSync, timedAsync };
}
