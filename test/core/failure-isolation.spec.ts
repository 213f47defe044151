import { Observable } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  attach,
  execute,
  HANDLER_FAILURE_EVENT,
  MetadataPolicyError,
  REDACTED,
  setCoreLogger,
  setMetadataPolicy,
  span,
  type CoreLogger,
  type MetadataPolicyOptions,
} from '../../lib/index.js';
import { detachAllAfterEach, record, spanEvents } from '../support/registry.js';

detachAllAfterEach();

const LOGIN = ['sigra', 'auth', 'login'];
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

describe('the exception event passes the metadata policy', () => {
  it('redacts a token in the thrown error, while the caller still gets the original error', () => {
    const seen = record('s', spanEvents(LOGIN));
    const error = Object.assign(new Error('upstream refused Bearer abcdefgh12345678'), {
      config: { headers: { Authorization: 'Bearer abcdefgh12345678' } },
      password: 'hunter2',
    });
    let caught: unknown;
    try {
      span(LOGIN, {}, () => {
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
    const seen = record('s', spanEvents(LOGIN));
    const error = Object.assign(new Error('boom'), { password: 'hunter2' });
    expect(() =>
      span(LOGIN, {}, () => {
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
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
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
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('a span whose function throws such an error rethrows that very error', () => {
    record('s', spanEvents(LOGIN));
    const error = errorWithHostileStack();
    expect(() =>
      span(LOGIN, {}, () => {
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
    record('s', spanEvents(LOGIN));
    const value = span(LOGIN, {}, () => 'done', {
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
    record('s', spanEvents(LOGIN));
    const uncaught = vi.fn();
    process.on('uncaughtException', uncaught);
    try {
      const errors: unknown[] = [];
      const completed = vi.fn();
      span(LOGIN, {}, () => new Observable<number>((s) => s.complete()), {
        stopMetadata: () => ({ password: 'hunter2' }),
      }).subscribe({ error: (e) => errors.push(e), complete: completed });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(errors[0]).toBeInstanceOf(MetadataPolicyError);
      expect(completed).not.toHaveBeenCalled();
      expect(uncaught).not.toHaveBeenCalled();
    } finally {
      process.off('uncaughtException', uncaught);
    }
  });
});
