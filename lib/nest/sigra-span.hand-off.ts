/**
 * The hand-off between `SigraSpanInterceptor` and `@SigraSpan` on one controller handler, so
 * that a call gets exactly one span with or without the interceptor.
 *
 * The interceptor opens the span of a request before Nest calls the handler, so that it covers
 * the pipes and the response stream; when Nest then calls the decorated method, the method must
 * not open a second span. So the interceptor hands each call it spans over to the method
 * (`handOver`), and the method takes one hand-over per call instead of spanning (`takeOver`).
 * Nest gives the method no way to tell which request calls it, so hand-overs are counted per
 * method, not matched to requests. One the method never takes (a pipe refused the input, so the
 * handler never ran) is withdrawn when the interceptor's span ends (`withdraw`).
 *
 * One instance per decorated method, made by `@SigraSpan` and kept on its definition.
 */
export class SpanHandOff {
  readonly #pending = new Set<object>();

  /**
   * The interceptor has opened the span for the next call of the method. Returns the ticket
   * to withdraw it with when that span ends.
   */
  handOver(): object {
    const ticket = {};
    this.#pending.add(ticket);
    return ticket;
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

  /** The interceptor's span ended: a hand-over the method never took is withdrawn. */
  withdraw(ticket: object): void {
    this.#pending.delete(ticket);
  }
}
