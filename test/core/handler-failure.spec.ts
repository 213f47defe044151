import { Observable } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  attach,
  attachMany,
  detach,
  execute,
  HANDLER_FAILURE_EVENT,
  listHandlers,
  setCoreLogger,
  setMetadataPolicy,
  span,
  type CoreLogger,
} from '../../lib/index.js';
import {
  MetadataPolicyError,
  REDACTED,
  type MetadataPolicyOptions,
} from '../../lib/policy/index.js';
import { detachAllAfterEach, record, spanEvents } from '../support/registry.js';

detachAllAfterEach();

const LOGIN_PREFIX = ['sigra', 'auth', 'login'];
const LOGIN_STOP = [...LOGIN_PREFIX, 'stop'];
let logger: { error: ReturnType<typeof vi.fn<CoreLogger['error']>> };
let previousLogger: CoreLogger;
let previousPolicy: MetadataPolicyOptions;

beforeEach(() => {
  logger = { error: vi.fn<CoreLogger['error']>() };
  previousLogger = setCoreLogger(logger);
  previousPolicy = setMetadataPolicy({});
});
afterEach(() => {
  setCoreLogger(previousLogger);
  setMetadataPolicy(previousPolicy);
});

/** Runs `body` listening for `event`, and asserts the process never emitted it. */
async function expectNoProcessEvent(
  event: 'unhandledRejection' | 'uncaughtException',
  body: () => Promise<void>,
): Promise<void> {
  const listener = vi.fn();
  process.on(event, listener);
  try {
    await body();
  } finally {
    process.off(event, listener);
  }
  expect(listener).not.toHaveBeenCalled();
}

/** An error whose `stack` getter throws, as some wrapped or proxied errors do. */
function errorWithHostileStack(): Error {
  const error = new Error('hostile');
  Object.defineProperty(error, 'stack', {
    get() {
      throw new Error('stack getter');
    },
  });
  return error;
}

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
    await expectNoProcessEvent('unhandledRejection', async () => {
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
    });
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
  it('even when the core logger throws or the failure metadata is refused', () => {
    setCoreLogger({
      error: () => {
        throw new Error('logger down');
      },
    });
    setMetadataPolicy({ mode: 'strict' });
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
  });
});

describe('the exception event passes the metadata policy', () => {
  it('redacts a token in the thrown error, while the caller still gets the original error', () => {
    const seen = record('s', spanEvents(LOGIN_PREFIX));
    const error = Object.assign(new Error('upstream refused Bearer abcdefgh12345678'), {
      config: { headers: { Authorization: 'Bearer abcdefgh12345678' } },
      password: 'hunter2',
    });
    let caught: unknown;
    try {
      span(LOGIN_PREFIX, {}, () => {
        throw error;
      });
    } catch (thrown) {
      caught = thrown;
    }
    expect(caught).toBe(error);
    const exception = seen[1]?.metadata ?? {};
    const reason = exception.reason as Error & Record<string, unknown>;
    expect(reason).not.toBe(error);
    expect(reason.message).toBe(`upstream refused Bearer ${REDACTED}`);
    expect(reason.password).toBe(REDACTED);
    expect((reason.config as { headers: Record<string, unknown> }).headers.Authorization).toBe(
      REDACTED,
    );
    expect(exception.stacktrace).toBe(REDACTED);
    expect(JSON.stringify(exception)).not.toContain('abcdefgh12345678');
  });

  it('in strict mode reports the refusal and still rethrows the original error', () => {
    setMetadataPolicy({ mode: 'strict' });
    const seen = record('s', spanEvents(LOGIN_PREFIX));
    const error = Object.assign(new Error('boom'), { password: 'hunter2' });
    expect(() =>
      span(LOGIN_PREFIX, {}, () => {
        throw error;
      }),
    ).toThrow(error);
    expect(seen[1]?.metadata).toMatchObject({
      kind: 'error',
      reason: REDACTED,
      stacktrace: REDACTED,
    });
    expect(logger.error.mock.calls[0]?.[0]).toMatch(/exception of span sigra\.auth\.login/);
    expect(logger.error.mock.calls[0]?.[1]).toBeInstanceOf(MetadataPolicyError);
  });
});

describe('errors that are hard to describe never reach the emitter', () => {
  it('a handler throwing an error whose stack getter throws', async () => {
    await expectNoProcessEvent('unhandledRejection', async () => {
      const failures = record('failures', [HANDLER_FAILURE_EVENT]);
      attach('sync-bad', ['sigra', 'x'], () => {
        throw errorWithHostileStack();
      });
      attach('async-bad', ['sigra', 'y'], async () => {
        throw errorWithHostileStack();
      });
      expect(() => execute(['sigra', 'x'])).not.toThrow();
      execute(['sigra', 'y']);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(failures.map((f) => f.metadata.handler_id)).toEqual(['sync-bad', 'async-bad']);
      expect(failures[0]?.metadata.stacktrace).toBe('');
    });
  });

  it('a span whose function throws such an error rethrows that very error', () => {
    record('s', spanEvents(LOGIN_PREFIX));
    const error = errorWithHostileStack();
    expect(() =>
      span(LOGIN_PREFIX, {}, () => {
        throw error;
      }),
    ).toThrow(error);
  });

  it('a core logger that throws does not fail a span whose callback throws', () => {
    setCoreLogger({
      error: () => {
        throw new Error('logger down');
      },
    });
    record('s', spanEvents(LOGIN_PREFIX));
    const value = span(LOGIN_PREFIX, {}, () => 'done', {
      stopMetadata: () => {
        throw Object.create(null) as Error;
      },
    });
    expect(value).toBe('done');
  });
});

describe('strict policy', () => {
  it('still logs a failing handler whose failure event it refuses', () => {
    setMetadataPolicy({ mode: 'strict' });
    record('failures', [HANDLER_FAILURE_EVENT]);
    attach(
      'bad',
      ['sigra', 'x'],
      () => {
        throw new Error('boom');
      },
      { apiKey: 'k-1' },
    );
    execute(['sigra', 'x']);
    const messages = logger.error.mock.calls.map(([message]) => message);
    expect(messages[0]).toMatch(/handler bad failed on event sigra\.x and has been detached/);
    expect(messages[1]).toMatch(/failure event of handler bad was refused/);
  });

  it('hands a refused Observable stop metadata to the subscriber, not to the process', async () => {
    setMetadataPolicy({ mode: 'strict' });
    record('s', spanEvents(LOGIN_PREFIX));
    await expectNoProcessEvent('uncaughtException', async () => {
      const errors: unknown[] = [];
      const completed = vi.fn();
      span(LOGIN_PREFIX, {}, () => new Observable<number>((s) => s.complete()), {
        stopMetadata: () => ({ password: 'hunter2' }),
      }).subscribe({ error: (e) => errors.push(e), complete: completed });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(errors[0]).toBeInstanceOf(MetadataPolicyError);
      expect(completed).not.toHaveBeenCalled();
    });
  });
});
