import { Observable, of, Subject, throwError } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attach, execute, setCoreLogger, span, type CoreLogger } from '../../lib/core/index.js';
import { detachAllAfterEach, record, spanEvents } from '../support/registry.js';

detachAllAfterEach();

const LOGIN = ['sigra', 'auth', 'login'];
const names = (seen: { event: string }[]) => seen.map((e) => e.event);

describe('span on a sync function', () => {
  it('emits start and stop with the contract measurements and metadata, returns the value', () => {
    const seen = record('s', spanEvents(LOGIN));
    const result = span(LOGIN, { user_id: 1 }, () => 'value');

    expect(result).toBe('value');
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
    const [start, stop] = seen;
    expect(start?.measurements).toEqual({
      monotonic_time: expect.any(Number),
      system_time: expect.any(Number),
    });
    expect(Number.isInteger(start?.measurements.monotonic_time)).toBe(true);
    expect(Math.abs((start?.measurements.system_time as number) - Date.now())).toBeLessThan(1000);
    expect(start?.metadata).toEqual({ user_id: 1, telemetry_span_context: expect.anything() });
    expect(stop?.measurements).toEqual({
      duration: expect.any(Number),
      monotonic_time: expect.any(Number),
    });
    expect(Number.isInteger(stop?.measurements.duration)).toBe(true);
    expect(stop?.measurements.duration).toBe(
      (stop?.measurements.monotonic_time as number) -
        (start?.measurements.monotonic_time as number),
    );
    expect(stop?.metadata).toEqual(start?.metadata);
  });

  it('calls the function exactly once when spanning', () => {
    record('s', spanEvents(LOGIN));
    const fn = vi.fn(() => 1);
    span(LOGIN, {}, fn);
    expect(fn).toHaveBeenCalledExactlyOnceWith();
  });

  it('measures the time spent in the function, in nanoseconds', () => {
    const seen = record('s', spanEvents(LOGIN));
    span(LOGIN, {}, () => {
      const until = performance.now() + 20;
      while (performance.now() < until);
    });
    const duration = seen[1]?.measurements.duration as number;
    expect(duration).toBeGreaterThanOrEqual(20e6);
    expect(duration).toBeLessThan(2e9);
  });

  it('gives each call a fresh context, the same on its start and stop', () => {
    const seen = record('s', spanEvents(LOGIN));
    span(LOGIN, {}, () => 1);
    span(LOGIN, {}, () => 2);
    const contexts = seen.map((e) => e.metadata.telemetry_span_context);
    expect(contexts[0]).toBe(contexts[1]);
    expect(contexts[2]).toBe(contexts[3]);
    expect(contexts[0]).not.toBe(contexts[2]);
  });

  it('keeps a context the caller supplies', () => {
    const seen = record('s', spanEvents(LOGIN));
    span(LOGIN, { telemetry_span_context: 'req-1' }, () => 1);
    expect(seen.map((e) => e.metadata.telemetry_span_context)).toEqual(['req-1', 'req-1']);
  });

  it('adds stop metadata derived from the result', () => {
    const seen = record('s', spanEvents(['sigra', 'mfa', 'verify']));
    span(
      ['sigra', 'mfa', 'verify'],
      { user_id: 7, method: 'totp' },
      () => ({ ok: false, left: 2 }),
      {
        stopMetadata: (r) => ({ result: r.ok ? 'success' : 'failure', attempts_remaining: r.left }),
      },
    );
    expect(seen[0]?.metadata).not.toHaveProperty('result');
    expect(seen[1]?.metadata).toEqual({
      user_id: 7,
      method: 'totp',
      result: 'failure',
      attempts_remaining: 2,
      telemetry_span_context: seen[0]?.metadata.telemetry_span_context,
    });
  });

  it('emits exception with kind, reason and stacktrace and rethrows the same error', () => {
    const seen = record('s', spanEvents(LOGIN));
    const boom = new Error('bad password');
    let caught: unknown;
    try {
      span(LOGIN, { user_id: 1 }, () => {
        throw boom;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(boom);
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.exception']);
    expect(seen[1]?.measurements).toEqual({
      duration: expect.any(Number),
      monotonic_time: expect.any(Number),
    });
    expect(seen[1]?.metadata).toEqual({
      user_id: 1,
      telemetry_span_context: seen[0]?.metadata.telemetry_span_context,
      kind: 'error',
      reason: boom,
      stacktrace: boom.stack,
    });
  });

  it('reports a failing stopMetadata to the core logger and still emits stop', () => {
    const logger = { error: vi.fn() };
    const previous: CoreLogger = setCoreLogger(logger);
    try {
      const seen = record('s', spanEvents(LOGIN));
      const value = span(LOGIN, { user_id: 1 }, () => 'ok', {
        stopMetadata: () => {
          throw new Error('bug in callback');
        },
      });
      expect(value).toBe('ok');
      expect(seen[1]?.metadata).toEqual(seen[0]?.metadata);
      expect(logger.error.mock.calls[0]?.[0]).toMatch(
        /stopMetadata failed for span sigra\.auth\.login; the span goes on without it/,
      );
    } finally {
      setCoreLogger(previous);
    }
  });

  it('orders a nested span inside the outer one: outer start, inner start, inner stop, outer stop', () => {
    const seen = record('s', [...spanEvents(LOGIN), ...spanEvents(['sigra', 'session', 'create'])]);
    span(LOGIN, {}, () =>
      span(['sigra', 'session', 'create'], { user_id: 1, type: 'standard' }, () => 1),
    );
    expect(names(seen)).toEqual([
      'sigra.auth.login.start',
      'sigra.session.create.start',
      'sigra.session.create.stop',
      'sigra.auth.login.stop',
    ]);
  });

  it('delivers the start before a signal executed inside the span', () => {
    const seen = record('s', [...spanEvents(LOGIN), ['sigra', 'security', 'invalid_credentials']]);
    expect(() =>
      span(LOGIN, {}, () => {
        execute(['sigra', 'security', 'invalid_credentials'], {}, { user_id: 1 });
        throw new Error('invalid');
      }),
    ).toThrow('invalid');
    expect(names(seen)).toEqual([
      'sigra.auth.login.start',
      'sigra.security.invalid_credentials',
      'sigra.auth.login.exception',
    ]);
  });

  it('runs when only the stop event has a handler', () => {
    const seen = record('s', [[...LOGIN, 'stop']]);
    expect(span(LOGIN, {}, () => 3)).toBe(3);
    expect(names(seen)).toEqual(['sigra.auth.login.stop']);
  });
});

describe('span on a Promise', () => {
  it('stops when the promise resolves and derives stop metadata from the resolved value', async () => {
    const seen = record('s', spanEvents(LOGIN));
    let resolve!: (v: { id: number }) => void;
    const pending = span(LOGIN, {}, () => new Promise<{ id: number }>((r) => (resolve = r)), {
      stopMetadata: (user) => ({ user_id: user.id }),
    });
    expect(names(seen)).toEqual(['sigra.auth.login.start']);
    resolve({ id: 9 });
    await expect(pending).resolves.toEqual({ id: 9 });
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
    expect(seen[1]?.metadata.user_id).toBe(9);
  });

  it('emits exception when the promise rejects and rejects with the same error', async () => {
    const seen = record('s', spanEvents(LOGIN));
    const boom = new Error('db down');
    await expect(span(LOGIN, {}, () => Promise.reject(boom))).rejects.toBe(boom);
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.exception']);
    expect(seen[1]?.metadata.reason).toBe(boom);
  });

  it('spans an async function including an await inside it', async () => {
    const seen = record('s', spanEvents(LOGIN));
    await span(LOGIN, {}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 15));
    });
    expect(seen[1]?.measurements.duration as number).toBeGreaterThanOrEqual(10e6);
  });

  it('never triggers a lazy thenable: it is returned as a plain value', () => {
    const seen = record('s', spanEvents(LOGIN));
    const then = vi.fn();
    // oxlint-disable-next-line unicorn/no-thenable -- a lazy thenable is what this test is about
    const lazy = { then };
    expect(span(LOGIN, {}, () => lazy)).toBe(lazy);
    expect(then).not.toHaveBeenCalled();
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
  });
});

describe('span on an Observable', () => {
  it('emits nothing until subscribed, then spans subscribe to complete with the last value', () => {
    const seen = record('s', spanEvents(LOGIN));
    const subscribe = vi.fn();
    const source = new Observable<number>((subscriber) => {
      subscribe();
      subscriber.next(1);
      subscriber.next(2);
      subscriber.complete();
    });
    const traced = span(LOGIN, { user_id: 1 }, () => source, {
      stopMetadata: (last) => ({ last }),
    });
    expect(seen).toEqual([]);
    expect(subscribe).not.toHaveBeenCalled();

    const values: number[] = [];
    traced.subscribe((v) => values.push(v));
    expect(values).toEqual([1, 2]);
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
    expect(seen[1]?.metadata).toMatchObject({ user_id: 1, last: 2 });
  });

  it('traces each subscription as its own span', () => {
    const seen = record('s', spanEvents(LOGIN));
    const traced = span(LOGIN, {}, () => of(1));
    traced.subscribe();
    traced.subscribe();
    expect(names(seen)).toHaveLength(4);
    expect(seen[0]?.metadata.telemetry_span_context).not.toBe(
      seen[2]?.metadata.telemetry_span_context,
    );
  });

  it('emits exception on error with the same error', () => {
    const seen = record('s', spanEvents(LOGIN));
    const boom = new Error('stream failed');
    const errors: unknown[] = [];
    span(LOGIN, {}, () => throwError(() => boom)).subscribe({ error: (e) => errors.push(e) });
    expect(errors).toEqual([boom]);
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.exception']);
    expect(seen[1]?.metadata.reason).toBe(boom);
  });

  it('ends the span with stop when the subscriber unsubscribes early, once', () => {
    const seen = record('s', spanEvents(LOGIN));
    const subject = new Subject<number>();
    const subscription = span(LOGIN, {}, () => subject.asObservable()).subscribe();
    subject.next(1);
    expect(names(seen)).toEqual(['sigra.auth.login.start']);
    subscription.unsubscribe();
    subject.complete();
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
  });
});

describe('span with nothing attached', () => {
  let now: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    attach('elsewhere', ['sigra', 'auth', 'logout', 'stop'], () => undefined);
    now = vi.spyOn(performance, 'now');
  });
  afterEach(() => now.mockRestore());

  it('returns the function value itself (same Promise, same Observable) and reads no clock', () => {
    const promise = Promise.resolve(1);
    const observable = of(1);
    const object = {};
    expect(span(LOGIN, {}, () => promise)).toBe(promise);
    expect(span(LOGIN, {}, () => observable)).toBe(observable);
    expect(span(LOGIN, {}, () => object)).toBe(object);
    expect(span(['never', 'seen'], {}, () => object)).toBe(object);
    expect(now).not.toHaveBeenCalled();
  });

  it('calls the function exactly once, with no arguments', () => {
    const fn = vi.fn(() => 1);
    span(LOGIN, {}, fn);
    expect(fn).toHaveBeenCalledExactlyOnceWith();
  });

  it('still validates its arguments', () => {
    expect(() => span(['sigra', ''], {}, () => 1)).toThrow(
      /span: prefix .*segment 1 is an empty string/,
    );
    expect(() => span(LOGIN, 'meta' as never, () => 1)).toThrow(
      /span: metadata must be a plain object/,
    );
    expect(() => span(LOGIN, {}, 'fn' as never)).toThrow(
      /span: fn must be a function, got a string of 2 characters/,
    );
  });
});
