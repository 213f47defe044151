import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attach, execute, HANDLER_FAILURE_EVENT, listHandlers } from '../../lib/core/index.js';
import { captureCoreReports, detachAllAfterEach, record } from '../support/registry.js';

detachAllAfterEach();
const reports = captureCoreReports();

const EVT = ['app', 'evt'];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

// Thenables on purpose: what a handler returns is treated as await would treat it.
/* oxlint-disable unicorn/no-thenable */
describe('what a handler returns', () => {
  it("another realm's rejecting promise detaches the handler once, with no unhandledRejection", async () => {
    const failures = record('failures', [HANDLER_FAILURE_EVENT]);
    attach('foreign', EVT, () => runInNewContext('Promise.reject(new Error("elsewhere"))'));

    execute(EVT);
    execute(EVT);
    await settle();

    expect(unhandled).toEqual([]);
    expect(listHandlers(EVT)).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.metadata.handler_id).toBe('foreign');
    execute(EVT);
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('a thenable that rejects is treated like a promise, as await would', async () => {
    const rejecting = { then: (_ok: unknown, fail: (e: unknown) => void) => fail(new Error('no')) };
    attach('thenable', EVT, () => rejecting as never);
    execute(EVT);
    await settle();
    expect(listHandlers(EVT)).toEqual([]);
  });

  it('a then getter that throws fails the handler, never the emitter', () => {
    const failures = record('failures', [HANDLER_FAILURE_EVENT]);
    const hostile = {
      get then(): never {
        throw new Error('hostile then');
      },
    };
    attach('getter', EVT, () => hostile as never);
    attach('after', EVT, () => undefined);
    expect(() => execute(EVT)).not.toThrow();
    expect(listHandlers(EVT).map((r) => r.id)).toEqual(['after']);
    expect(failures).toHaveLength(1);
  });

  it('a revoked proxy as return value fails the handler, never the emitter', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    attach('revoked', EVT, () => proxy as never);
    expect(() => execute(EVT)).not.toThrow();
    expect(listHandlers(EVT)).toEqual([]);
  });

  it('plain values and a resolving foreign promise keep the handler attached', async () => {
    attach('plain', EVT, () => 42 as never);
    attach('object', ['app', 'b'], () => ({ then: 1 }) as never);
    attach('resolves', ['app', 'c'], () => runInNewContext('Promise.resolve(1)'));
    execute(EVT);
    execute(['app', 'b']);
    execute(['app', 'c']);
    await settle();
    expect(listHandlers([]).map((r) => r.id)).toEqual(['plain', 'object', 'resolves']);
    expect(reports).toEqual([]);
  });
});
