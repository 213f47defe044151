import { attach, attachMany, type EventName } from '@sigra/nestjs-telemetry';
import { BENCH_EVENTS, TRIVIALLY_HANDLED_SPANS } from './bench-events.js';

/** A handler that does nothing: what remains is the cost of getting the event to a handler. */
function trivialHandler(): void {}

/**
 * Attaches the one trivial handler each "one handler" row describes: on `start` and `stop` of
 * each handled span prefix (not `exception`, which no row raises), and on the handled signal.
 */
export function attachTrivialHandlers(): void {
  TRIVIALLY_HANDLED_SPANS.forEach((prefix, n) => {
    const events: EventName[] = [
      [...prefix, 'start'],
      [...prefix, 'stop'],
    ];
    attachMany(`bench-trivial-span-${n}`, events, trivialHandler);
  });
  attach('bench-trivial-execute', BENCH_EVENTS.executeTrivial, trivialHandler);
}
