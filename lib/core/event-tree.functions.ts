import { tracingChannel } from 'node:diagnostics_channel';
import { diagnosticsChannelName } from './diagnostics-channel-name.function.js';
import { registry, type EventNode, type SpanChannel } from './registry.state.js';
import type { EventName } from '../shared/telemetry.types.js';
import {
  assertNameArray,
  assertSegment,
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
 * the tree must not grow with them). Validates the name on the way.
 */
export function findNode(fn: string, argument: string, name: unknown): EventNode | undefined {
  try {
    assertNameArray(fn, argument, name, 1);
    let node: EventNode | undefined = registry.root;
    for (let i = 0; i < name.length; i++) {
      const segment = assertSegment(fn, argument, name, i);
      node = node?.children.get(segment);
    }
    return node;
  } catch (error) {
    throw unreadableArgument(fn, argument, error);
  }
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
