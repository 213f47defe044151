import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  attach,
  attachMany,
  detach,
  execute,
  HANDLER_FAILURE_EVENT,
  listHandlers,
  setCoreLogger,
  type CoreLogger,
} from '../../lib/core/index.js';
import { detachAllAfterEach, record } from '../support/registry.js';

detachAllAfterEach();

const LOGIN_STOP = ['sigra', 'auth', 'login', 'stop'];
let logger: { error: ReturnType<typeof vi.fn<CoreLogger['error']>> };
let previous: CoreLogger;

beforeEach(() => {
  logger = { error: vi.fn<CoreLogger['error']>() };
  previous = setCoreLogger(logger);
});
afterEach(() => {
  setCoreLogger(previous);
});

describe('a handler that throws', () => {
  it('is detached from all its events, the emitter never sees the error, dispatch continues', () => {
    const after = vi.fn();
    const boom = new Error('boom');
    attachMany('bad', [LOGIN_STOP, ['sigra', 'x']], () => {
      throw boom;
    });
    attach('good', LOGIN_STOP, after);

    expect(() => execute(LOGIN_STOP, {}, { user_id: 1 })).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(listHandlers([]).map((r) => r.id)).toEqual(['good']);

    execute(LOGIN_STOP);
    expect(after).toHaveBeenCalledTimes(2);
  });

  it('emits telemetry.handler.failure with the failure described, and logs once', () => {
    const failures = record('failures', [HANDLER_FAILURE_EVENT]);
    const boom = new TypeError('nope');
    attach(
      'bad',
      LOGIN_STOP,
      () => {
        throw boom;
      },
      { some: 'config' },
    );

    execute(LOGIN_STOP);
    execute(LOGIN_STOP);

    expect(failures).toHaveLength(1);
    const [failure] = failures;
    expect(failure?.event).toBe('telemetry.handler.failure');
    expect(failure?.measurements).toEqual({
      monotonic_time: expect.any(Number),
      system_time: expect.any(Number),
    });
    expect(failure?.metadata).toEqual({
      event_name: LOGIN_STOP,
      handler_id: 'bad',
      handler_config: { some: 'config' },
      kind: 'error',
      reason: boom,
      stacktrace: boom.stack,
    });
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toMatch(
      /handler bad failed on event sigra\.auth\.login\.stop and has been detached \(kind=error\)/,
    );
    // The core logger gets the policy's copy of the error, equal to a clean one.
    expect(logger.error.mock.calls[0]?.[1]).toEqual(boom);
    expect(logger.error.mock.calls[0]?.[1]).toBeInstanceOf(TypeError);
  });

  it('describes a thrown non-Error with kind throw and an empty stacktrace', () => {
    const failures = record('failures', [HANDLER_FAILURE_EVENT]);
    attach('bad', LOGIN_STOP, () => {
      throw 'a string';
    });
    execute(LOGIN_STOP);
    expect(failures[0]?.metadata).toMatchObject({
      kind: 'throw',
      reason: 'a string',
      stacktrace: '',
    });
  });
});

describe('a handler that returns a rejecting promise', () => {
  it('is detached and reported once, and no unhandled rejection escapes', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const failures = record('failures', [HANDLER_FAILURE_EVENT]);
      const boom = new Error('async boom');
      attach('async-bad', LOGIN_STOP, async () => {
        throw boom;
      });
      execute(LOGIN_STOP);
      execute(LOGIN_STOP);
      await new Promise((resolve) => setTimeout(resolve, 10));

      expect(failures).toHaveLength(1);
      expect(failures[0]?.metadata).toMatchObject({ handler_id: 'async-bad', reason: boom });
      expect(listHandlers([]).map((r) => r.id)).toEqual(['failures#0']);
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('is not reported when its owner detached it before the promise rejected', async () => {
    let reject!: (error: Error) => void;
    attach('slow', LOGIN_STOP, () => new Promise<void>((_, r) => (reject = r)));
    execute(LOGIN_STOP);
    detach('slow');
    reject(new Error('late'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(logger.error).not.toHaveBeenCalled();
  });
});

describe('setCoreLogger', () => {
  it('refuses something that is not a logger', () => {
    expect(() => setCoreLogger({} as CoreLogger)).toThrow(
      /setCoreLogger: logger must be an object with an error\(message, error\) method/,
    );
  });
});

describe('reporting a failure never reaches the emitter', () => {
  it('even when the core logger throws or the failure metadata is refused', async () => {
    const { setMetadataPolicy } = await import('../../lib/core/index.js');
    setCoreLogger({
      error: () => {
        throw new Error('logger down');
      },
    });
    const previousPolicy = setMetadataPolicy({ mode: 'strict' });
    try {
      const after = vi.fn();
      record('failures', [HANDLER_FAILURE_EVENT]);
      attach(
        'bad',
        LOGIN_STOP,
        () => {
          throw new Error('boom');
        },
        { apiKey: 'k-123' },
      );
      attach('good', LOGIN_STOP, after);
      expect(() => execute(LOGIN_STOP)).not.toThrow();
      expect(after).toHaveBeenCalledTimes(1);
      expect(listHandlers([]).map((r) => r.id)).toEqual(['failures#0', 'good']);
    } finally {
      setMetadataPolicy(previousPolicy);
    }
  });
});
