import { registry, type EventNode } from './telemetry.registry.js';
import type { EventName } from './telemetry.types.js';
import { assertNameArray, assertSegment } from './telemetry.validation.js';

/** Shared by every lookup that finds nothing: no handlers, and never written to. */
export const EMPTY_NODE: EventNode = Object.freeze({
  name: Object.freeze([]),
  children: new Map<string, EventNode>(),
  handlers: Object.freeze([]),
}) as EventNode;

/**
 * Finds the node of an event name without creating anything (emitters pass arbitrary names, and
 * the tree must not grow with them). Validates the name on the way.
 */
export function findNode(fn: string, argument: string, name: unknown): EventNode {
  assertNameArray(fn, argument, name, 1);
  let node: EventNode | undefined = registry.root;
  for (let i = 0; i < name.length; i++) {
    const segment = assertSegment(fn, argument, name, i);
    node = node?.children.get(segment);
  }
  return node ?? EMPTY_NODE;
}

/** Finds or creates the node of a validated event name (attach time, or a decorator's prefix). */
export function ensureNode(name: readonly string[]): EventNode {
  let node = registry.root;
  for (const segment of name) {
    let child = node.children.get(segment);
    if (child === undefined) {
      child = { name: Object.freeze([...node.name, segment]), children: new Map(), handlers: [] };
      node.children.set(segment, child);
    }
    node = child;
  }
  return node;
}

/** Finds the child of a node, or the empty node. */
export function childNode(node: EventNode, segment: string): EventNode {
  return node.children.get(segment) ?? EMPTY_NODE;
}

/**
 * The frozen array the core hands to handlers for this name. Handlers can compare the name they
 * receive against it by identity instead of joining strings per event.
 */
export function canonicalEventName(name: EventName): EventName {
  return ensureNode(name).name;
}
