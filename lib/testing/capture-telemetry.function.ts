import { detach, type EventName } from '../core/index.js';
import { attachMany, type EventMeasurements, type EventMetadata } from '../sigra/index.js';

/** One event as a capture saw it. @publicApi */
export interface CapturedEvent<E extends EventName = EventName> {
  /** The event name (frozen). */
  readonly event: EventName;
  /** The dotted name, handy in assertions: `'sigra.auth.login.stop'`. */
  readonly name: string;
  readonly measurements: EventMeasurements<E>;
  readonly metadata: EventMetadata<E>;
}

/** What `captureTelemetry` returns. @publicApi */
export interface TelemetryCapture<E extends EventName = EventName> {
  /** Every captured event, in emission order. */
  readonly events: readonly CapturedEvent<E>[];
  /** The dotted names of the captured events, in order. */
  names(): string[];
  /**
   * Resolves with the first captured event of `eventName` (already captured, or the next one);
   * rejects after `timeoutMs` with the names captured so far.
   */
  waitFor(eventName: EventName, timeoutMs?: number): Promise<CapturedEvent<E>>;
  /** Forgets what was captured so far. */
  clear(): void;
  /** Stops capturing. Safe to call twice. */
  detach(): void;
}

/**
 * Records every emission of the given events, in order: the analog of Erlang's
 * `:telemetry_test.attach_event_handlers`. Call `detach()` when done (e.g. in `afterEach`).
 *
 * @example
 * const capture = captureTelemetry([['sigra', 'auth', 'login', 'stop']]);
 * await request(app.getHttpServer()).post('/auth/login').send(credentials);
 * const stop = await capture.waitFor(['sigra', 'auth', 'login', 'stop']);
 * expect(stop.metadata.user_id).toBe(user.id);
 * capture.detach();
 * @publicApi
 */
export function captureTelemetry<const E extends EventName>(
  eventNames: readonly E[],
): TelemetryCapture<E> {
  const id = Symbol('sigra-telemetry-capture');
  const events: CapturedEvent<E>[] = [];
  const waiters = new Set<{ name: string; resolve: (event: CapturedEvent<E>) => void }>();
  attachMany(id, eventNames, (event, measurements, metadata) => {
    const captured: CapturedEvent<E> = { event, name: event.join('.'), measurements, metadata };
    events.push(captured);
    for (const waiter of waiters) {
      if (waiter.name === captured.name) {
        waiters.delete(waiter);
        waiter.resolve(captured);
      }
    }
  });
  return {
    events,
    names: () => events.map((event) => event.name),
    waitFor(eventName, timeoutMs = 1000) {
      const name = eventName.join('.');
      const already = events.find((event) => event.name === name);
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = {
          name,
          resolve: (event: CapturedEvent<E>) => {
            clearTimeout(timer);
            resolve(event);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `waitFor: no ${name} event within ${timeoutMs} ms; captured: ${JSON.stringify(events.map((e) => e.name))}.`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear: () => void events.splice(0),
    detach: () => void detach(id),
  };
}
