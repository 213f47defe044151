import { describe, expect, it, vi } from 'vitest';
import { attach, listHandlers } from '../../lib/core/index.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

describe('process-wide registry', () => {
  it('is shared by two separately loaded copies of the core', async () => {
    vi.resetModules();
    const url = '../../lib/core/index.js?copy';
    const copy = (await import(/* @vite-ignore */ url)) as typeof import('../../lib/core/index.js');
    expect(copy.attach).not.toBe(attach);

    const handler = vi.fn();
    attach('from-first-copy', ['sigra', 'auth', 'login', 'stop'], handler);
    expect(copy.listHandlers([]).map((r) => r.id)).toEqual(['from-first-copy']);

    copy.execute(['sigra', 'auth', 'login', 'stop'], {}, { user_id: 1 });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(listHandlers([])).toHaveLength(1);
  });

  it('lives on globalThis under a versioned, registered symbol', () => {
    const key = Symbol.for('@sigra/nestjs-telemetry/registry@2');
    expect((globalThis as Record<symbol, unknown>)[key]).toBeTypeOf('object');
  });
});
