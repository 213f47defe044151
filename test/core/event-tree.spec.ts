import { describe, expect, it } from 'vitest';
import {
  attach,
  attachMany,
  detach,
  execute,
  listHandlers,
  registerTracer,
  span,
} from '../../lib/core/index.js';
import { createSpanChannel, runSpan } from '../../lib/core/span.function.js';
import { registry, type EventNode } from '../../lib/core/registry.state.js';
import {
  MAX_EVENT_NAME_SEGMENTS,
  MAX_SEGMENT_LENGTH,
} from '../../lib/core/argument-validation.functions.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

function countNodes(node: EventNode = registry.root): number {
  let n = 1;
  for (const child of node.children.values()) n += countNodes(child);
  return n;
}

describe('event name bounds', () => {
  it(`refuses a name of more than ${MAX_EVENT_NAME_SEGMENTS} segments, naming the limit and the fix`, () => {
    const long = Array.from({ length: MAX_EVENT_NAME_SEGMENTS + 1 }, (_, i) => `s${i}`);
    for (const call of [
      () => attach('long', long, () => undefined),
      () => execute(long),
      () => span(long, {}, () => 1),
      () => listHandlers(long),
    ]) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(
        new RegExp(
          `at most ${MAX_EVENT_NAME_SEGMENTS} non-empty strings.*variable data belongs in metadata.*it is too long, got an array of ${MAX_EVENT_NAME_SEGMENTS + 1} elements`,
        ),
      );
    }
    expect(() => attach('ok', long.slice(1), () => undefined)).not.toThrow();
  });

  it(`refuses a segment longer than ${MAX_SEGMENT_LENGTH} characters`, () => {
    const name = ['app', 'x'.repeat(MAX_SEGMENT_LENGTH + 1)];
    expect(() => attach('big', name, () => undefined)).toThrow(
      new RegExp(
        `of at most ${MAX_SEGMENT_LENGTH} characters.*segment 1 is a string of ${MAX_SEGMENT_LENGTH + 1} characters`,
      ),
    );
    expect(() => execute(name)).toThrow(TypeError);
    expect(listHandlers([])).toEqual([]);
  });

  it('a 10,000-segment name is refused at once, before any work proportional to its size', () => {
    const huge = Array.from({ length: 10_000 }, (_, i) => `segment-${i}`);
    const nodes = countNodes();
    expect(() => attach('huge', huge, () => undefined)).toThrow(/it is too long/);
    expect(countNodes()).toBe(nodes);
  });
});

describe('pruning', () => {
  it('a tracer watching spans of ever-new names does not grow the tree', () => {
    const seen: string[] = [];
    const unregister = registerTracer({
      startSpan: (prefix) => void seen.push(prefix.join('.')),
      runInSpan: (_state, fn) => fn(),
      stopSpan: () => undefined,
      failSpan: () => undefined,
      signal: () => undefined,
    });
    try {
      const before = countNodes();
      for (let i = 0; i < 1000; i++) span(['app', `order-${i}`], {}, () => i);
      expect(countNodes()).toBe(before);
      expect(seen).toHaveLength(1000);
      expect(seen.at(-1)).toBe('app.order-999');
    } finally {
      unregister();
    }
  });

  it('detaching leaves the tree as it was before the attach, for ever-new names', () => {
    const before = countNodes();
    for (let i = 0; i < 1000; i++) {
      attachMany(
        `h${i}`,
        [
          ['app', `user-${i}`, 'stop'],
          ['app', `user-${i}`, 'start'],
        ],
        () => {},
      );
      span(['app', `user-${i}`], {}, () => i);
      detach(`h${i}`);
    }
    expect(countNodes()).toBe(before);
  });

  it('keeps a shared parent while a sibling still has a handler', () => {
    let calls = 0;
    attach('a', ['app', 'p', 'a'], () => void calls++);
    attach('b', ['app', 'p', 'b'], () => undefined);
    detach('b');
    execute(['app', 'p', 'a']);
    expect(calls).toBe(1);
    expect(registry.root.children.get('app')?.children.get('p')?.children.size).toBe(1);
  });

  it("never prunes a decorated method's channel: a handler attached again is still reached", () => {
    const channel = createSpanChannel(['app', 'decorated']);
    const seen: string[] = [];
    for (let round = 0; round < 2; round++) {
      attach('watch', ['app', 'decorated', 'stop'], () => void seen.push(`stop ${round}`));
      runSpan(channel, {}, () => round, undefined, [], undefined);
      detach('watch');
    }
    expect(seen).toEqual(['stop 0', 'stop 1']);
  });
});
