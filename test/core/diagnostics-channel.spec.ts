import { channel, tracingChannel, type TracingChannelSubscribers } from 'node:diagnostics_channel';
import { Observable, of, Subject, throwError } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  attach,
  detach,
  execute,
  span,
  SigraSpan,
  type SigraTraceContext,
} from '../../lib/index.js';
import { detachAllAfterEach, record, spanEvents } from '../support/registry.js';

detachAllAfterEach();

const LOGIN: readonly string[] = ['sigra', 'auth', 'login'];

interface Published {
  event: string;
  context: SigraTraceContext;
  /** The context's fields at the moment of publication (the object itself gains fields later). */
  snapshot: Record<string, unknown>;
}

const unsubscribers: (() => void)[] = [];
afterEach(() => {
  for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
});

/** Subscribes to all five events of `tracing:<name>:*` and records what each one carried. */
function subscribe(name: string): Published[] {
  const seen: Published[] = [];
  const tracing = tracingChannel<unknown, SigraTraceContext>(name);
  const on = (event: string) => (context: SigraTraceContext) => {
    seen.push({ event, context, snapshot: { ...context } });
  };
  const subscribers: TracingChannelSubscribers<SigraTraceContext> = {
    start: on('start'),
    end: on('end'),
    asyncStart: on('asyncStart'),
    asyncEnd: on('asyncEnd'),
    error: on('error'),
  };
  tracing.subscribe(subscribers);
  unsubscribers.push(() => tracing.unsubscribe(subscribers));
  return seen;
}

const events = (seen: Published[]) => seen.map((p) => p.event);

describe('TracingChannel tracing:sigra.<prefix>:*', () => {
  it('publishes start and end around a sync function, one context gaining the result', () => {
    const seen = subscribe('sigra.auth.login');
    const result = span(LOGIN, { user_id: 7 }, () => ({ ok: true }));

    expect(result).toEqual({ ok: true });
    expect(events(seen)).toEqual(['start', 'end']);
    const [start, end] = seen;
    expect(start!.context).toBe(end!.context);
    expect(start!.snapshot).toMatchObject({
      name: LOGIN,
      metadata: { user_id: 7, telemetry_span_context: expect.anything() },
      measurements: { monotonic_time: expect.any(Number), system_time: expect.any(Number) },
    });
    expect(start!.snapshot).not.toHaveProperty('result');
    expect(end!.snapshot).toMatchObject({
      result: { ok: true },
      measurements: { duration: expect.any(Number) },
    });
  });

  it('publishes start, end, asyncStart and asyncEnd for a Promise, the result when it resolves', async () => {
    const seen = subscribe('sigra.auth.login');
    const pending = span(LOGIN, { user_id: 7 }, async () => 'done');
    expect(events(seen)).toEqual(['start', 'end']);
    expect(seen[1]!.snapshot).not.toHaveProperty('result');

    await expect(pending).resolves.toBe('done');
    expect(events(seen)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    expect(seen[3]!.snapshot.result).toBe('done');
  });

  it('publishes error before asyncStart and asyncEnd for a rejected Promise; the caller gets the same error', async () => {
    const seen = subscribe('sigra.auth.login');
    const failure = new Error('database down');
    await expect(
      span(LOGIN, {}, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(events(seen)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
    expect((seen[2]!.snapshot.error as Error).message).toBe('database down');
    expect(seen[2]!.snapshot.metadata).toMatchObject({ kind: 'error' });
  });

  it('publishes error then end for a throwing sync function, which rethrows the same error', () => {
    const seen = subscribe('sigra.auth.login');
    const failure = new TypeError('bad input');
    expect(() =>
      span(LOGIN, {}, () => {
        throw failure;
      }),
    ).toThrow(failure);
    expect(events(seen)).toEqual(['start', 'error', 'end']);
    expect(seen[1]!.snapshot.error).toBeInstanceOf(TypeError);
  });

  it('traces each subscription of an Observable, from subscribe to complete, with its last value', () => {
    const seen = subscribe('sigra.auth.login');
    const source = new Subject<number>();
    const traced = span(LOGIN, {}, () => source.asObservable());
    // The creation frames nothing of its own: start and end with no result.
    expect(events(seen)).toEqual(['start', 'end']);
    seen.length = 0;

    const values: number[] = [];
    traced.subscribe((value) => values.push(value));
    expect(events(seen)).toEqual(['start', 'end']);
    source.next(1);
    source.next(2);
    source.complete();
    expect(values).toEqual([1, 2]);
    expect(events(seen)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    expect(seen[3]!.snapshot.result).toBe(2);
  });

  it('publishes error for an Observable that errors, and nothing twice', () => {
    const seen = subscribe('sigra.auth.login');
    const failure = new Error('stream broke');
    const received: unknown[] = [];
    span(LOGIN, {}, () => throwError(() => failure)).subscribe({ error: (e) => received.push(e) });
    expect(received).toEqual([failure]);
    expect(events(seen)).toEqual(['start', 'end', 'start', 'error', 'end']);
  });

  it('applies the metadata policy to metadata, result and error', () => {
    const seen = subscribe('sigra.auth.login');
    span(LOGIN, { user_id: 1, password: 'hunter2-hunter2' } as never, () => ({
      userId: 1,
      sessionToken: 'sess_9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c',
    }));
    const published = JSON.stringify(seen.map((p) => p.snapshot));
    expect(published).not.toContain('hunter2');
    expect(published).not.toContain('sess_9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c');
    expect(seen[1]!.snapshot.result).toMatchObject({ userId: 1 });
  });

  it('runs the function inside stores bound with bindStore, as dd-trace binds its span', async () => {
    const { AsyncLocalStorage } = await import('node:async_hooks');
    const store = new AsyncLocalStorage<string>();
    const tracing = tracingChannel<unknown, SigraTraceContext>('sigra.auth.login');
    tracing.start.bindStore(store, (context) => `apm span for ${context.name.join('.')}`);
    unsubscribers.push(() => tracing.start.unbindStore(store));

    const inside = await span(LOGIN, {}, async () => {
      await Promise.resolve();
      return store.getStore();
    });
    expect(inside).toBe('apm span for sigra.auth.login');
    expect(store.getStore()).toBeUndefined();
  });

  it('publishes a @SigraSpan method of any prefix, and nothing once unsubscribed', () => {
    class Billing {
      @SigraSpan(['billing', 'charge'])
      charge(amount: number): number {
        return amount * 2;
      }
    }
    const seen = subscribe('sigra.billing.charge');
    expect(new Billing().charge(21)).toBe(42);
    expect(events(seen)).toEqual(['start', 'end']);
    expect(seen[1]!.snapshot.result).toBe(42);

    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
    expect(new Billing().charge(1)).toBe(2);
    expect(events(seen)).toEqual(['start', 'end']);
  });

  it('publishes one span per subscription of a @SigraSpan method declared to return an Observable, none for the call', () => {
    class Sessions {
      @SigraSpan(['sigra', 'session', 'create'])
      create(id: number): Observable<number> {
        return of(id);
      }

      @SigraSpan(['sigra', 'session', 'create'])
      broken(): Observable<number> {
        throw new TypeError('no session store');
      }
    }
    const seen = subscribe('sigra.session.create');
    const created = new Sessions().create(3);
    expect(events(seen)).toEqual([]);
    created.subscribe();
    created.subscribe();
    expect(events(seen)).toEqual(['start', 'end', 'start', 'end']);
    expect(seen[3]!.snapshot.result).toBe(3);

    // A call that throws instead of returning its Observable is a span: start, error, end.
    seen.length = 0;
    expect(() => new Sessions().broken()).toThrow('no session store');
    expect(events(seen)).toEqual(['start', 'error', 'end']);
    expect(seen[1]!.snapshot.error).toBeInstanceOf(TypeError);
  });

  it('keeps handlers and the channel consistent: both see the same span', () => {
    const handled = record('h', spanEvents(LOGIN));
    const seen = subscribe('sigra.auth.login');
    // `of` completes inside `subscribe`: the subscription ends before subscribe returns (`end`).
    span(LOGIN, { user_id: 3 }, () => of(1)).subscribe();
    expect(handled.map((e) => e.event)).toEqual([
      'sigra.auth.login.start',
      'sigra.auth.login.stop',
    ]);
    expect(events(seen)).toEqual(['start', 'end', 'start', 'end']);
    expect(seen[3]!.snapshot.metadata).toEqual(handled[1]!.metadata);
    expect(seen[3]!.snapshot.result).toBe(1);
  });

  it('leaves the function untouched when nobody subscribes', () => {
    const observable = new Observable<number>();
    expect(span(LOGIN, {}, () => observable)).toBe(observable);
  });
});

describe('plain channel sigra.<name> for one-shot signals', () => {
  it('publishes the signal with its measurements and policy-applied metadata', () => {
    const messages: unknown[] = [];
    const lockout = channel('sigra.security.lockout');
    const onMessage = (message: unknown) => messages.push(message);
    lockout.subscribe(onMessage);
    unsubscribers.push(() => lockout.unsubscribe(onMessage));

    execute(['sigra', 'security', 'lockout'], { count: 1 }, {
      user_id: 5,
      reason: 'threshold_reached',
      password: 'letmein-letmein',
    } as never);
    expect(messages).toEqual([
      {
        name: ['sigra', 'security', 'lockout'],
        measurements: { count: 1 },
        metadata: { user_id: 5, reason: 'threshold_reached', password: '[REDACTED]' },
      },
    ]);
  });

  it('publishes alongside handlers, and names outside sigra get the sigra. namespace', () => {
    const messages: unknown[] = [];
    attach('any', ['billing', 'refund'], () => {});
    const refund = channel('sigra.billing.refund');
    const onMessage = (message: unknown) => messages.push(message);
    refund.subscribe(onMessage);
    unsubscribers.push(() => refund.unsubscribe(onMessage));
    execute(['billing', 'refund'], {}, { amount: 3 });
    expect(messages).toHaveLength(1);
  });
  it('keeps publishing a catalogued signal after its last handler is detached', () => {
    const messages: unknown[] = [];
    attach('brief', ['sigra', 'security', 'lockout'], () => {});
    detach('brief');
    const lockout = channel('sigra.security.lockout');
    const onMessage = (message: unknown) => messages.push(message);
    lockout.subscribe(onMessage);
    unsubscribers.push(() => lockout.unsubscribe(onMessage));
    execute(['sigra', 'security', 'lockout'], { count: 1 }, { user_id: 5 });
    expect(messages).toHaveLength(1);
  });
});
