import { tracingChannel } from 'node:diagnostics_channel';
import { diagnosticsChannelName } from './telemetry.diagnostics-channel-name.js';
import { registry, type EventNode, type SpanChannel } from './telemetry.registry.js';
import type { EventName } from './telemetry.types.js';
import { assertNameArray, assertSegment } from './telemetry.validation.js';

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
  };
}

/**
 * Finds the node of an event name without creating anything (emitters pass arbitrary names, and
 * the tree must not grow with them). Validates the name on the way.
 */
export function findNode(fn: string, argument: string, name: unknown): EventNode | undefined {
  assertNameArray(fn, argument, name, 1);
  let node: EventNode | undefined = registry.root;
  for (let i = 0; i < name.length; i++) {
    const segment = assertSegment(fn, argument, name, i);
    node = node?.children.get(segment);
  }
  return node;
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
  return (prefix.spanChannel ??= {
    prefix: prefix.name,
    start: ensureChild(prefix, 'start'),
    stop: ensureChild(prefix, 'stop'),
    exception: ensureChild(prefix, 'exception'),
    tracing: tracingChannel(diagnosticsChannelName(prefix.name)),
  });
}

/**
 * The frozen array the core hands to handlers for this name. Handlers can compare the name they
 * receive against it by identity instead of joining strings per event.
 */
export function canonicalEventName(name: EventName): EventName {
  return ensureNode(name).name;
}
