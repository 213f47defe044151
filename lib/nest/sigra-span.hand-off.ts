import type { Observable, Observer, Subscription, Unsubscribable } from 'rxjs';

/**
 * The hand-off between `SigraSpanInterceptor` and `@SigraSpan` on one controller handler, so
 * that a call gets exactly one span with or without the interceptor.
 *
 * The interceptor opens the span of a request before Nest calls the handler, so that it covers
 * the pipes and the response stream; when Nest then calls the decorated method, the method must
 * not open a second span. So the interceptor hands each call it spans over to the method
 * (`subscribeHandedOver`), and the method takes one hand-over per call instead of spanning
 * (`takeOver`).
 * Nest gives the method no way to tell which request calls it, so hand-overs are counted per
 * method, not matched to requests. One the method never takes (a pipe refused the input, so the
 * handler never ran) is withdrawn when the interceptor's subscription ends.
 *
 * One instance per decorated method, made by `@SigraSpan` and kept on its definition.
 */
export class SpanHandOff {
  readonly #pending = new Set<HandOver>();

  /**
   * Subscribes `observer` to Nest's handler stream, with the next call of the method handed
   * over for as long as the subscription lasts: the interceptor has opened its span.
   */
  subscribeHandedOver<V>(handled: Observable<V>, observer: Observer<V>): Subscription {
    const ticket = new HandOver(this.#pending);
    this.#pending.add(ticket);
    let subscription: Subscription;
    try {
      subscription = handled.subscribe(observer);
    } catch (error) {
      ticket.unsubscribe();
      throw error;
    }
    // Withdrawn at once if the stream has ended already; otherwise when it ends or is unsubscribed.
    subscription.add(ticket);
    return subscription;
  }

  /**
   * The method is being called: true when the interceptor has opened the span of this call (a
   * hand-over is used up, and the method must not open another span), false otherwise.
   */
  takeOver(): boolean {
    if (this.#pending.size === 0) return false;
    for (const ticket of this.#pending) {
      this.#pending.delete(ticket);
      break;
    }
    return true;
  }
}

/** One call handed over; withdrawn as the teardown of the interceptor's subscription. */
class HandOver implements Unsubscribable {
  constructor(private readonly pending: Set<HandOver>) {}

  unsubscribe(): void {
    this.pending.delete(this);
  }
}
