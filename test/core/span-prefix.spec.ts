import { describe, expect, it } from 'vitest';
import { detach, span } from '../../lib/core/index.js';
import { detachAllAfterEach, record, spanEvents } from '../support/registry.js';

detachAllAfterEach();

// A name nothing else in the suite uses, and that no catalog pins: its nodes come and go with
// its handlers.
const PREFIX = Object.freeze(['prefix-spec', 'op']);
const names = (seen: { event: string }[]) => seen.map((e) => e.event);
/** What `times` spans of `prefix` (a dotted name) emit: start then stop, each time. */
const spans = (prefix: string, times: number) =>
  Array.from({ length: times }, () => [`${prefix}.start`, `${prefix}.stop`]).flat();

describe('span prefixes resolved once', () => {
  it('a frozen prefix reaches the handlers attached after its nodes were dropped and made again', () => {
    const first = record('first', spanEvents(PREFIX));
    span(PREFIX, {}, () => 1);
    span(PREFIX, {}, () => 2);
    expect(names(first)).toEqual(spans('prefix-spec.op', 2));

    // Enough calls for the constant to be remembered by identity.
    for (let i = 0; i < 200; i++) span(PREFIX, {}, () => i);
    expect(first).toHaveLength(404);
    for (const id of ['first#0', 'first#1', 'first#2']) expect(detach(id)).toBe('ok');
    // Nothing listens: the nodes are gone, and the span is a plain call.
    expect(span(PREFIX, {}, () => 3)).toBe(3);

    const second = record('second', spanEvents(PREFIX));
    span(PREFIX, {}, () => 4);
    expect(names(second)).toEqual(spans('prefix-spec.op', 1));
    expect(first).toHaveLength(404);
  });

  it('literal prefixes sharing their last segment each reach their own handlers', () => {
    const a = record('a', spanEvents(['prefix-spec', 'a', 'verify']));
    const b = record('b', spanEvents(['prefix-spec', 'b', 'verify']));
    for (let i = 0; i < 3; i++) {
      span(['prefix-spec', 'a', 'verify'], {}, () => i);
      span(['prefix-spec', 'b', 'verify'], {}, () => i);
      span(['prefix-spec', 'c', 'verify'], {}, () => i);
      span(['prefix-spec', 'verify'], {}, () => i);
    }
    expect(names(a)).toEqual(spans('prefix-spec.a.verify', 3));
    expect(names(b)).toEqual(spans('prefix-spec.b.verify', 3));
  });

  it('an array that can still change names the event it holds at each call', () => {
    const seen = record('s', [
      ...spanEvents(['prefix-spec', 'a']),
      ...spanEvents(['prefix-spec', 'b']),
    ]);
    const prefix = ['prefix-spec', 'a'];
    span(prefix, {}, () => 1);
    span(prefix, {}, () => 1);
    prefix[1] = 'b';
    span(prefix, {}, () => 1);
    expect(names(seen)).toEqual([...spans('prefix-spec.a', 2), ...spans('prefix-spec.b', 1)]);
  });

  it('a frozen prefix with a bad segment is refused on every call', () => {
    const bad = Object.freeze(['prefix-spec', '']);
    for (let i = 0; i < 2; i++) {
      expect(() => span(bad as unknown as string[], {}, () => 1)).toThrow(
        /segment 1 is an empty string/,
      );
    }
  });
});
