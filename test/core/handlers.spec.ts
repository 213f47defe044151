import { describe, expect, it, vi } from 'vitest';
import {
  attach,
  attachMany,
  detach,
  execute,
  listHandlers,
  type Handler,
} from '../../lib/core/index.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

const LOGIN_STOP = ['sigra', 'auth', 'login', 'stop'];

describe('attach / execute', () => {
  it('calls a handler with the event name, measurements, metadata and config', () => {
    const handler = vi.fn();
    expect(attach('h', LOGIN_STOP, handler, { level: 'info' })).toBe('ok');
    execute(LOGIN_STOP, { duration: 5 }, { user_id: 1 });
    expect(handler).toHaveBeenCalledExactlyOnceWith(
      LOGIN_STOP,
      { duration: 5 },
      { user_id: 1 },
      { level: 'info' },
    );
  });

  it('matches names exactly: no prefix and no longer-name matching', () => {
    const handler = vi.fn();
    attach('h', ['sigra', 'auth'], handler);
    execute(['sigra']);
    execute(['sigra', 'auth', 'login']);
    execute(['sigra', 'aut']);
    expect(handler).not.toHaveBeenCalled();
    execute(['sigra', 'auth']);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('defaults measurements and metadata to empty objects', () => {
    const handler = vi.fn();
    attach('h', ['sigra', 'security', 'lockout'], handler);
    execute(['sigra', 'security', 'lockout']);
    expect(handler).toHaveBeenCalledWith(['sigra', 'security', 'lockout'], {}, {}, undefined);
  });

  it('calls handlers synchronously, in attach order', () => {
    const order: string[] = [];
    for (const id of ['c', 'a', 'b']) attach(id, LOGIN_STOP, () => void order.push(id));
    execute(LOGIN_STOP);
    order.push('after');
    expect(order).toEqual(['c', 'a', 'b', 'after']);
  });

  it('refuses a duplicate id with already_exists and keeps the first handler', () => {
    const first = vi.fn();
    const second = vi.fn();
    expect(attach('dup', LOGIN_STOP, first)).toBe('ok');
    expect(attach('dup', ['sigra', 'other'], second)).toBe('already_exists');
    expect(attachMany('dup', [LOGIN_STOP], second)).toBe('already_exists');
    execute(LOGIN_STOP);
    execute(['sigra', 'other']);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
    expect(listHandlers([])).toHaveLength(1);
  });

  it('accepts symbols as handler ids', () => {
    const id = Symbol('capture');
    const handler = vi.fn();
    expect(attach(id, LOGIN_STOP, handler)).toBe('ok');
    execute(LOGIN_STOP);
    expect(detach(id)).toBe('ok');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('hands the handler an immutable event name, not the caller array', () => {
    let seen: readonly string[] | undefined;
    attach('h', LOGIN_STOP, (event) => void (seen = event));
    const callerName = [...LOGIN_STOP];
    execute(callerName);
    expect(seen).toEqual(LOGIN_STOP);
    expect(Object.isFrozen(seen)).toBe(true);
  });
});

describe('attachMany', () => {
  it('attaches one handler to several events under one id', () => {
    const handler = vi.fn();
    attachMany('many', [LOGIN_STOP, ['sigra', 'auth', 'logout', 'stop']], handler, 'cfg');
    execute(LOGIN_STOP);
    execute(['sigra', 'auth', 'logout', 'stop']);
    expect(handler).toHaveBeenCalledTimes(2);
    expect(handler.mock.calls[1]?.[3]).toBe('cfg');
  });

  it('attaches nothing for an empty list and leaves the id free, as :telemetry does', () => {
    expect(attachMany('empty', [], vi.fn())).toBe('ok');
    expect(listHandlers([])).toEqual([]);
    expect(attach('empty', LOGIN_STOP, vi.fn())).toBe('ok');
  });

  it('refuses a name listed twice, attaching nothing', () => {
    expect(() => attachMany('twice', [LOGIN_STOP, [...LOGIN_STOP]], vi.fn())).toThrow(
      /lists \["sigra","auth","login","stop"\] twice/,
    );
    expect(listHandlers([])).toEqual([]);
  });
});

describe('detach', () => {
  it('removes a handler from all its events', () => {
    const handler = vi.fn();
    attachMany('many', [LOGIN_STOP, ['sigra', 'x']], handler);
    expect(detach('many')).toBe('ok');
    execute(LOGIN_STOP);
    execute(['sigra', 'x']);
    expect(handler).not.toHaveBeenCalled();
    expect(listHandlers([])).toEqual([]);
  });

  it('answers not_found for an unknown id', () => {
    expect(detach('nobody')).toBe('not_found');
    attach('once', LOGIN_STOP, vi.fn());
    detach('once');
    expect(detach('once')).toBe('not_found');
  });

  it('mid-dispatch: the running dispatch still calls the detached handler, the next does not', () => {
    const calls: string[] = [];
    attach('first', LOGIN_STOP, () => {
      calls.push('first');
      detach('second');
    });
    attach('second', LOGIN_STOP, () => void calls.push('second'));
    execute(LOGIN_STOP);
    execute(LOGIN_STOP);
    expect(calls).toEqual(['first', 'second', 'first']);
  });

  it('mid-dispatch: a handler attached during a dispatch is called from the next one', () => {
    const late = vi.fn();
    attach('first', LOGIN_STOP, () => void attach('late', LOGIN_STOP, late));
    execute(LOGIN_STOP);
    expect(late).not.toHaveBeenCalled();
    execute(LOGIN_STOP);
    expect(late).toHaveBeenCalledTimes(1);
  });
});

describe('listHandlers', () => {
  it('lists by prefix, once per event, with id, eventName, handler and config', () => {
    const handler: Handler = vi.fn();
    attachMany('auth', [LOGIN_STOP, ['sigra', 'auth', 'logout', 'stop']], handler, { a: 1 });
    attach('mfa', ['sigra', 'mfa', 'lockout'], handler);
    attach('other', ['app', 'thing'], handler);

    expect(listHandlers(['sigra', 'auth'])).toEqual([
      { id: 'auth', eventName: LOGIN_STOP, handler, config: { a: 1 } },
      { id: 'auth', eventName: ['sigra', 'auth', 'logout', 'stop'], handler, config: { a: 1 } },
    ]);
    expect(listHandlers(['sigra']).map((r) => r.id)).toEqual(['auth', 'auth', 'mfa']);
    expect(listHandlers([]).map((r) => r.id)).toEqual(['auth', 'auth', 'mfa', 'other']);
    expect(listHandlers(['sigra', 'auth', 'login', 'stop', 'more'])).toEqual([]);
    expect(listHandlers(['sigr'])).toEqual([]);
  });
});

describe('bad input', () => {
  it.each([
    [
      'not an array',
      'sigra.auth.login',
      /eventName must be a non-empty array.*it is not an array, got a string of 16 characters/,
    ],
    ['empty', [], /it is empty, got an array of 0 elements/],
    ['empty segment', ['sigra', ''], /segment 1 is an empty string/],
    ['non-string segment', ['sigra', 42], /segment 1 is a number/],
  ])('attach refuses an event name that is %s, registering nothing', (_, name, message) => {
    expect(() => attach('bad', name as string[], vi.fn())).toThrow(TypeError);
    expect(() => attach('bad', name as string[], vi.fn())).toThrow(message);
    expect(listHandlers([])).toEqual([]);
  });

  it('refuses a handler that is not a function and a bad handler id', () => {
    expect(() => attach('h', LOGIN_STOP, 'nope' as never)).toThrow(
      /attach: handler must be a function, got a string of 4 characters/,
    );
    expect(() => attach('' as string, LOGIN_STOP, vi.fn())).toThrow(
      /handlerId must be a non-empty string or a symbol, got an empty string/,
    );
    expect(() => attach(7 as never, LOGIN_STOP, vi.fn())).toThrow(/got a number/);
    expect(() => attachMany('h', 'x' as never, vi.fn())).toThrow(/eventNames must be an array/);
    expect(() => attachMany('h', [LOGIN_STOP, ['ok', 3]] as never, vi.fn())).toThrow(
      /eventNames\[1\] must be/,
    );
    expect(listHandlers([])).toEqual([]);
  });

  it('execute refuses bad names, measurements and metadata without emitting', () => {
    const handler = vi.fn();
    attach('h', LOGIN_STOP, handler);
    expect(() => execute(['sigra', 1] as never)).toThrow(
      /execute: eventName .* segment 1 is a number/,
    );
    expect(() => execute(LOGIN_STOP, 5 as never)).toThrow(
      /execute: measurements must be a plain object such as \{ user_id: 42 \}, got a number/,
    );
    expect(() => execute(LOGIN_STOP, {}, new Map() as never)).toThrow(
      /execute: metadata must be a plain object .*got an instance of Map/,
    );
    expect(() => execute(LOGIN_STOP, {}, [] as never)).toThrow(/metadata must be a plain object/);
    expect(() => execute(LOGIN_STOP, {}, null as never)).toThrow(/got null/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('accepts null-prototype objects as metadata', () => {
    const handler = vi.fn();
    attach('h', LOGIN_STOP, handler);
    const metadata = Object.assign(Object.create(null) as object, { user_id: 1 });
    execute(LOGIN_STOP, {}, metadata);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('listHandlers refuses a prefix that is not an array of non-empty strings', () => {
    expect(() => listHandlers('sigra' as never)).toThrow(/listHandlers: prefix/);
    expect(() => listHandlers(['sigra', ''])).toThrow(/segment 1/);
  });
});
