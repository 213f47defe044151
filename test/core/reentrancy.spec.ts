import { describe, expect, it, vi } from 'vitest';
import {
  attach,
  detach,
  execute,
  HANDLER_FAILURE_EVENT,
  listHandlers,
  span,
} from '../../lib/core/index.js';
import { MAX_DISPATCH_DEPTH } from '../../lib/core/execute.function.js';
import { captureCoreReports, detachAllAfterEach, record } from '../support/registry.js';

detachAllAfterEach();
const reports = captureCoreReports();

const EVT = ['app', 'evt'];

describe('a handler that re-emits into itself', () => {
  it('is stopped at MAX_DISPATCH_DEPTH, detached from every index, and reported once', () => {
    const failures = record('failures', [HANDLER_FAILURE_EVENT]);
    let calls = 0;
    attach('rec', EVT, () => {
      calls++;
      execute(EVT, {}, {});
    });

    expect(() => execute(EVT, {}, {})).not.toThrow();
    expect(calls).toBe(MAX_DISPATCH_DEPTH);
    expect(listHandlers(EVT)).toEqual([]);
    expect(detach('rec')).toBe('not_found');

    calls = 0;
    execute(EVT, {}, {});
    expect(calls).toBe(0);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.metadata).toMatchObject({ handler_id: 'rec', kind: 'error' });
    expect(String((failures[0]!.metadata.reason as Error).message)).toMatch(
      /re-entered the dispatch .* levels deep/,
    );
    expect(reports).toHaveLength(1);
  });

  it('stops a cycle of two handlers by detaching the one that closes the loop, keeping the other', () => {
    const other = ['app', 'other'];
    let aCalls = 0;
    attach('a', EVT, () => {
      aCalls++;
      execute(other);
    });
    attach('b', other, () => execute(EVT));

    execute(EVT);
    expect(listHandlers([]).map((r) => r.id)).toHaveLength(1);
    aCalls = 0;
    execute(EVT);
    expect(aCalls).toBeLessThanOrEqual(1);
  });

  it('also stops a handler that swallows the error of its own nested emission', () => {
    let calls = 0;
    attach('swallow', EVT, () => {
      calls++;
      try {
        execute(EVT);
      } catch {
        // ignored on purpose
      }
    });
    execute(EVT);
    expect(calls).toBe(MAX_DISPATCH_DEPTH);
    expect(listHandlers([])).toEqual([]);
  });

  it('allows legitimate nesting below the limit: a span inside a handler inside a span', () => {
    const seen: string[] = [];
    attach('outer', ['app', 'a', 'start'], () => {
      span(['app', 'b'], {}, () => execute(['app', 'c']));
    });
    attach('inner', ['app', 'b', 'start'], () => void seen.push('b.start'));
    attach('leaf', ['app', 'c'], () => void seen.push('c'));
    span(['app', 'a'], {}, () => 1);
    expect(seen).toEqual(['b.start', 'c']);
    expect(listHandlers([])).toHaveLength(3);
    expect(reports).toEqual([]);
  });

  it('the emitter keeps its depth bookkeeping after a refused emission (bad arguments)', () => {
    const handler = vi.fn(() => {
      expect(() => execute(EVT, null as never)).toThrow(TypeError);
    });
    attach('bad-args', ['app', 'x'], handler);
    for (let i = 0; i < MAX_DISPATCH_DEPTH + 5; i++) execute(['app', 'x']);
    expect(handler).toHaveBeenCalledTimes(MAX_DISPATCH_DEPTH + 5);
    expect(listHandlers([])).toHaveLength(1);
  });
});
