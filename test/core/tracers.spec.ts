import { AsyncLocalStorage } from 'node:async_hooks';
import { defer, Observable, of, Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  execute,
  registerTracer,
  setCoreLogger,
  span,
  type CoreLogger,
  type EventName,
  type Measurements,
  type Metadata,
  type SpanTracer,
} from '../../lib/core/index.js';
import { SigraSpan } from '../../lib/nest/index.js';
import { detachAllAfterEach, record, spanEvents } from '../support/registry.js';

detachAllAfterEach();

const LOGIN = ['sigra', 'auth', 'login'];
const SESSION = ['sigra', 'session', 'create'];

interface TracedSpan {
  name: string;
  parent: string | undefined;
  start: Metadata;
  end?: {
    kind: 'stop' | 'exception' | 'discard';
    measurements?: Measurements;
    metadata?: Metadata;
  };
}

/** A tracer that keeps its current span in an AsyncLocalStorage, as OpenTelemetry's context does. */
function recordingTracer() {
  const current = new AsyncLocalStorage<TracedSpan>();
  const spans: TracedSpan[] = [];
  const signals: { name: string; parent: string | undefined; metadata: Metadata }[] = [];
  const tracer: SpanTracer<TracedSpan> = {
    startSpan(prefix: EventName, _measurements: Measurements, metadata: Metadata) {
      const traced: TracedSpan = {
        name: prefix.join('.'),
        parent: current.getStore()?.name,
        start: metadata,
      };
      spans.push(traced);
      return traced;
    },
    runInSpan: (traced, fn) => current.run(traced, fn),
    stopSpan(traced, measurements, metadata) {
      traced.end = { kind: 'stop', measurements, metadata };
    },
    failSpan(traced, measurements, metadata) {
      traced.end = { kind: 'exception', measurements, metadata };
    },
    discardSpan(traced) {
      traced.end = { kind: 'discard' };
    },
    signal(name, _measurements, metadata) {
      signals.push({ name: name.join('.'), parent: current.getStore()?.name, metadata });
    },
  };
  return { tracer, spans, signals, current };
}

const unregisters: (() => void)[] = [];
afterEach(() => {
  for (const unregister of unregisters.splice(0)) unregister();
});

function registered() {
  const recording = recordingTracer();
  unregisters.push(registerTracer(recording.tracer));
  return recording;
}

describe('registerTracer: spans', () => {
  it('runs a sync function inside the span, nested spans as children, without any handler', () => {
    const { spans, current } = registered();
    const result = span(LOGIN, { user_id: 1 }, () => {
      expect(current.getStore()?.name).toBe('sigra.auth.login');
      return span(SESSION, { user_id: 1 }, () => current.getStore()?.name);
    });
    expect(result).toBe('sigra.session.create');
    expect(spans.map((s) => [s.name, s.parent, s.end?.kind])).toEqual([
      ['sigra.auth.login', undefined, 'stop'],
      ['sigra.session.create', 'sigra.auth.login', 'stop'],
    ]);
    expect(spans[0]!.start).toEqual({ user_id: 1, telemetry_span_context: expect.anything() });
    expect(spans[0]!.end?.measurements).toEqual({
      duration: expect.any(Number),
      monotonic_time: expect.any(Number),
    });
  });

  it('keeps the context across a Promise continuation, and ends the span when it settles', async () => {
    const { spans, current } = registered();
    const pending = span(LOGIN, {}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return span(SESSION, {}, async () => current.getStore()?.name);
    });
    expect(spans[0]!.end).toBeUndefined();
    await expect(pending).resolves.toBe('sigra.session.create');
    expect(spans.map((s) => [s.name, s.parent, s.end?.kind])).toEqual([
      ['sigra.auth.login', undefined, 'stop'],
      ['sigra.session.create', 'sigra.auth.login', 'stop'],
    ]);
  });

  it('traces each Observable subscription in its own span; the unsubscribed creation is discarded', async () => {
    const { spans, current } = registered();
    const source = new Subject<string>();
    const traced = span(LOGIN, {}, () =>
      defer(() => {
        const inside = current.getStore()?.name;
        return new Observable<string>((subscriber) => {
          subscriber.next(`subscribed in ${inside}`);
          return source.subscribe(subscriber);
        });
      }),
    );
    expect(spans.map((s) => s.end?.kind)).toEqual(['discard']);

    const values: string[] = [];
    traced.subscribe((value) => values.push(value));
    source.next('later');
    expect(spans[1]!.end).toBeUndefined();
    source.complete();
    expect(values).toEqual(['subscribed in sigra.auth.login', 'later']);
    expect(spans.map((s) => s.end?.kind)).toEqual(['discard', 'stop']);
  });

  it('leaves the call of a method declared to return an Observable out, unless it turns out a span', () => {
    const { spans } = registered();
    const handled = record('h', spanEvents(LOGIN));
    class Auth {
      @SigraSpan(['sigra', 'auth', 'login'])
      login(): Observable<string> {
        return of('in');
      }

      @SigraSpan(['sigra', 'auth', 'login'])
      audited(): Observable<string> {
        // A nested span needs its parent's start: the call is a span, for handlers and tracers.
        span(SESSION, {}, () => 1);
        return of('in');
      }
    }
    new Auth().login().subscribe();
    expect(spans.map((s) => [s.name, s.end?.kind])).toEqual([['sigra.auth.login', 'stop']]);
    expect(handled.map((e) => e.event)).toEqual([
      'sigra.auth.login.start',
      'sigra.auth.login.stop',
    ]);

    spans.length = 0;
    handled.length = 0;
    new Auth().audited().subscribe();
    // The creation is the span (as for handlers), seen by the tracer when the call returns, from
    // its measured start. It ran outside the tracer's context: the nested span is not its child.
    expect(handled.map((e) => e.event)).toEqual([
      'sigra.auth.login.start',
      'sigra.auth.login.stop',
    ]);
    expect(spans.map((s) => [s.name, s.parent, s.end?.kind])).toEqual([
      ['sigra.session.create', undefined, 'stop'],
      ['sigra.auth.login', undefined, 'stop'],
    ]);
  });

  it('carries stop metadata and the exception metadata; the error reaches the caller unchanged', () => {
    const { spans } = registered();
    span(LOGIN, {}, () => 'x', { stopMetadata: () => ({ result: 'failure' }) });
    const failure = new Error('boom');
    expect(() =>
      span(LOGIN, {}, () => {
        throw failure;
      }),
    ).toThrow(failure);
    expect(spans[0]!.end?.metadata).toMatchObject({ result: 'failure' });
    expect(spans[1]!.end).toMatchObject({
      kind: 'exception',
      metadata: { kind: 'error', reason: failure, stacktrace: expect.stringContaining('boom') },
    });
  });

  it('hands tracers policy-applied metadata only', () => {
    const { spans } = registered();
    span(LOGIN, { user_id: 1, password: 'correct horse battery staple' } as never, () => 1);
    expect(JSON.stringify(spans)).not.toContain('correct horse');
  });

  it('delivers the start to handlers before a child the tracer saw, as it does for handlers', () => {
    registered();
    const seen = record('h', [...spanEvents(LOGIN), ...spanEvents(SESSION)]);
    span(LOGIN, {}, () => span(SESSION, {}, () => of(1)));
    expect(seen.map((e) => e.event)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
  });

  it('runs the function inside every registered tracer, the first registered outermost', () => {
    const first = registered();
    const second = registered();
    const inside = span(LOGIN, {}, () => [
      first.current.getStore()?.name,
      second.current.getStore()?.name,
    ]);
    expect(inside).toEqual(['sigra.auth.login', 'sigra.auth.login']);
    expect([first.spans[0]?.end?.kind, second.spans[0]?.end?.kind]).toEqual(['stop', 'stop']);
  });

  it('stops at unregister: later spans run untouched', () => {
    const { spans } = registered();
    unregisters.pop()!();
    const value = Promise.resolve(1);
    expect(span(['anything', 'at', 'all'], {}, () => value)).toBe(value);
    expect(spans).toEqual([]);
  });
});

describe('registerTracer: signals', () => {
  it('hands every signal to the tracer inside the active span, attached or not', () => {
    const { signals } = registered();
    span(LOGIN, {}, () =>
      execute(['sigra', 'security', 'invalid_credentials'], {}, { ip: '192.0.2.1' }),
    );
    execute(['custom', 'never', 'attached'], {}, {
      token: 'tok_abcdefghijklmnopqrstuvwxyz012345',
    } as never);
    expect(signals).toEqual([
      {
        name: 'sigra.security.invalid_credentials',
        parent: 'sigra.auth.login',
        metadata: { ip: '192.0.2.1' },
      },
      { name: 'custom.never.attached', parent: undefined, metadata: { token: '[REDACTED]' } },
    ]);
  });
});

describe('registerTracer: failures and bad input', () => {
  it('unregisters a tracer that throws, reports it once, and never fails the traced code', () => {
    const reports: unknown[][] = [];
    const logger: CoreLogger = { error: (...args: unknown[]) => reports.push(args) };
    const previous = setCoreLogger(logger);
    try {
      const { tracer, spans } = recordingTracer();
      unregisters.push(
        registerTracer({
          ...tracer,
          stopSpan() {
            throw new Error('exporter bug');
          },
        }),
      );
      expect(span(LOGIN, {}, () => 'ok')).toBe('ok');
      expect(span(LOGIN, {}, () => 'again')).toBe('again');
      expect(spans).toHaveLength(1);
      expect(reports).toHaveLength(1);
      expect(String(reports[0]![0])).toContain('tracer failed in stopSpan');
    } finally {
      setCoreLogger(previous);
    }
  });

  it('still runs the function when runInSpan throws before calling it', () => {
    const previous = setCoreLogger({ error: () => {} });
    try {
      const { tracer } = recordingTracer();
      unregisters.push(
        registerTracer({
          ...tracer,
          runInSpan() {
            throw new Error('no context');
          },
        }),
      );
      let calls = 0;
      expect(span(LOGIN, {}, () => ++calls)).toBe(1);
      expect(calls).toBe(1);
    } finally {
      setCoreLogger(previous);
    }
  });

  it('refuses a tracer without its methods, or registered twice, naming the fix', () => {
    expect(() => registerTracer({} as never)).toThrow(
      /registerTracer: tracer\.startSpan must be a function, got/,
    );
    expect(() => registerTracer(null as never)).toThrow(/tracer must be an object/);
    const { tracer } = recordingTracer();
    unregisters.push(registerTracer(tracer));
    expect(() => registerTracer(tracer)).toThrow(/already registered; register it once/);
  });
});
