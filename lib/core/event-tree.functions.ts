import { tracingChannel } from 'node:diagnostics_channel';
import { diagnosticsChannelName } from './diagnostics-channel-name.function.js';
import { registry, type EventNode, type SpanChannel } from './registry.state.js';
import type { EventName } from '../shared/telemetry.types.js';
import {
  assertNameArray,
  assertSegment,
  MAX_EVENT_NAME_SEGMENTS,
  MAX_SEGMENT_LENGTH,
  unreadableArgument,
} from './argument-validation.functions.js';

/**
 * A node with every field present from the start: nodes that all share one shape keep property
 * access on the hot path monomorphic.
 */
export function createNode(name: EventName): EventNode {
  return {
    name,
    children: new Map(),
    handlers: [],
    spanChannel: undefined,
    signalChannel: undefined,
    pinned: false,
  };
}

/**
 * Finds the node of an event name without creating anything (emitters pass arbitrary names, and
 * the tree must not grow with them). Validates the name on the way: a bad name throws the
 * validation's `TypeError`, a name no handler made known is `undefined`.
 */
export function findNode(fn: string, argument: string, name: unknown): EventNode | undefined {
  try {
    if (!Array.isArray(name) || name.length === 0 || name.length > MAX_EVENT_NAME_SEGMENTS) {
      assertNameArray(fn, argument, name, 1);
    }
    const segments = name as readonly unknown[];
    let node: EventNode | undefined = registry.root;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      // The checks inline, the call only to throw: this loop runs on every `span` and `execute`.
      if (
        typeof segment !== 'string' ||
        segment.length === 0 ||
        segment.length > MAX_SEGMENT_LENGTH
      ) {
        assertSegment(fn, argument, segments, i);
      }
      if (node !== undefined) node = node.children.get(segment as string);
    }
    return node;
  } catch (error) {
    throw unreadableArgument(fn, argument, error);
  }
}

/**
 * The nodes of span prefixes already resolved, by their last segment: `span` finds a known
 * prefix written as a new literal array on every call with one lookup and a comparison of its
 * other segments, instead of one lookup per segment. Segments are compared on every call, so an
 * array changed since is never mistaken for another. A node is kept while it carries its span
 * channel, and so stays in the tree (see `pruneNode`).
 */
const prefixesByLastSegment = new Map<string, IndexedPrefix[]>();

interface IndexedPrefix {
  readonly node: EventNode;
  /** The node's name as an array that is not frozen (see `frozenPrefixes`). */
  readonly segments: readonly string[];
}

/** More last segments than this, and the index starts over: ever-new names must not grow it. */
const MAX_INDEXED_SEGMENTS = 1024;

/**
 * Frozen prefixes already resolved, by identity: a catalog constant such as
 * `SigraSpans.auth.login` is found with one lookup. Frozen arrays are kept away from the index's
 * element reads: V8 (11.3) reads the elements of a frozen array several times slower, and a
 * read site that has seen one stays slower for every array after it. Weak, so that it keeps no
 * prefix alive.
 */
const frozenPrefixes = new WeakMap<object, EventNode>();

/**
 * The node of a span prefix, as `findNode` finds it: a frozen prefix by identity, a literal one
 * through the index of last segments, an unknown one by walking the tree.
 */
export function findSpanPrefix(prefix: unknown): EventNode | undefined {
  const frozen = frozenPrefixes.get(prefix as object);
  if (frozen !== undefined && frozen.spanChannel !== undefined) return frozen;
  if (isFrozenArray(prefix)) {
    const node = findNode('span', 'prefix', prefix);
    if (node?.spanChannel !== undefined) frozenPrefixes.set(prefix as object, node);
    return node;
  }
  const known = indexedPrefix(prefix);
  if (known !== undefined) return known;
  const node = findNode('span', 'prefix', prefix);
  if (node?.spanChannel !== undefined) indexPrefix(node);
  return node;
}

function isFrozenArray(prefix: unknown): boolean {
  try {
    return Array.isArray(prefix) && Object.isFrozen(prefix);
  } catch {
    // A proxy whose traps throw: `findNode` reads it and reports what went wrong.
    return false;
  }
}

function indexedPrefix(prefix: unknown): EventNode | undefined {
  if (!Array.isArray(prefix)) return undefined;
  try {
    const length = prefix.length;
    const entries = prefixesByLastSegment.get(prefix[length - 1]);
    if (entries === undefined) return undefined;
    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e]!;
      if (entry.node.spanChannel !== undefined && hasSegments(entry.segments, prefix, length)) {
        return entry.node;
      }
    }
    return undefined;
  } catch {
    // A proxy whose traps throw: `findNode` reads it again and reports what went wrong.
    return undefined;
  }
}

/** The last segment is known to match: compares the others. */
function hasSegments(
  segments: readonly string[],
  prefix: readonly unknown[],
  length: number,
): boolean {
  if (segments.length !== length) return false;
  for (let i = 0; i < length - 1; i++) {
    if (segments[i] !== prefix[i]) return false;
  }
  return true;
}

function indexPrefix(node: EventNode): void {
  const last = node.name.at(-1)!;
  const listed = prefixesByLastSegment.get(last);
  if (listed === undefined && prefixesByLastSegment.size >= MAX_INDEXED_SEGMENTS) {
    prefixesByLastSegment.clear();
  }
  // Nodes whose channel was dropped leave the list as it changes.
  const kept = (listed ?? []).filter(
    (entry) => entry.node.spanChannel !== undefined && entry.node !== node,
  );
  kept.push({ node, segments: [...node.name] });
  prefixesByLastSegment.set(last, kept);
}

/** Finds or creates the node of a validated event name (attach time, or a decorator's prefix). */
export function ensureNode(name: readonly string[]): EventNode {
  let node = registry.root;
  for (const segment of name) node = ensureChild(node, segment);
  return node;
}

function ensureChild(node: EventNode, segment: string): EventNode {
  let child = node.children.get(segment);
  if (child === undefined) {
    child = createNode(Object.freeze([...node.name, segment]));
    node.children.set(segment, child);
  }
  return child;
}

/**
 * The `start`, `stop` and `exception` nodes of a span prefix, kept on the prefix's node so that
 * a span looks them up once, not three times per call. Only nodes that exist get one, so the tree
 * still grows with attached names alone.
 */
export function spanChannelOf(prefix: EventNode): SpanChannel {
  return (prefix.spanChannel ??= buildSpanChannel(prefix.name, (segment) =>
    ensureChild(prefix, segment),
  ));
}

/**
 * A channel for a span on a name the registry does not know, which only tracers watch: built per
 * call and kept nowhere, so that spans of ever-new names cannot grow the tree.
 */
export function transientSpanChannel(prefix: EventName): SpanChannel {
  const name = Object.freeze([...prefix]);
  return buildSpanChannel(name, (segment) => createNode(Object.freeze([...name, segment])));
}

function buildSpanChannel(prefix: EventName, child: (segment: string) => EventNode): SpanChannel {
  return {
    prefix,
    start: child('start'),
    stop: child('stop'),
    exception: child('exception'),
    pinned: false,
    tracing: tracingChannel(diagnosticsChannelName(prefix)),
  };
}

function isUnused(node: EventNode): boolean {
  return !node.pinned && node.handlers.length === 0 && node.children.size === 0;
}

/**
 * Makes a name known to the registry for good: detaching its last handler does not prune it, so
 * emitters keep publishing it on `diagnostics_channel` for subscribers with no handler attached.
 */
export function pinEventName(name: EventName): void {
  ensureNode(name).pinned = true;
}

/**
 * Removes the nodes of `name` that nothing uses any more, deepest first, so that attaching and
 * detaching ever-new names does not grow the tree. A pinned span channel (held by a decorated
 * method) keeps its nodes: the method would otherwise watch nodes no handler can reach. An
 * unpinned one is only a cache, dropped with its nodes.
 */
export function pruneNode(name: EventName): void {
  const path: EventNode[] = [registry.root];
  for (const segment of name) {
    const child = path.at(-1)!.children.get(segment);
    if (child === undefined) return;
    path.push(child);
  }
  for (let i = path.length - 1; i > 0; i--) {
    const node = path[i]!;
    const parent = path[i - 1]!;
    if (!isUnused(node)) return;
    const channel = parent.spanChannel;
    if (channel !== undefined && isChannelNode(channel, node)) {
      if (channel.pinned || !dropChannel(parent, channel)) return;
    } else {
      parent.children.delete(node.name.at(-1)!);
    }
  }
}

function isChannelNode(channel: SpanChannel, node: EventNode): boolean {
  return node === channel.start || node === channel.stop || node === channel.exception;
}

/** Drops an unpinned channel once all three of its nodes are unused; false while one is used. */
function dropChannel(prefix: EventNode, channel: SpanChannel): boolean {
  const nodes = [channel.start, channel.stop, channel.exception];
  if (!nodes.every(isUnused)) return false;
  prefix.spanChannel = undefined;
  for (const node of nodes) prefix.children.delete(node.name.at(-1)!);
  return true;
}

/**
 * The frozen array the core hands to handlers for this name. Handlers can compare the name they
 * receive against it by identity instead of joining strings per event, for as long as a handler
 * is attached to the name (an unused name's node is pruned, and a later one is a new array).
 */
export function canonicalEventName(name: EventName): EventName {
  return ensureNode(name).name;
}
