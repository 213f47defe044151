import { ensureNode, pruneNode } from './event-tree.functions.js';
import { registry, type Handler, type HandlerId, type HandlerRecord } from './registry.state.js';
import type { EventName, Measurements, Metadata } from '../shared/telemetry.types.js';
import {
  ArgumentError,
  assertEventName,
  assertFunction,
  unreadableArgument,
} from './argument-validation.functions.js';
import { describeValue } from '../shared/value-description.functions.js';

/** What `attach` and `attachMany` answer: `'already_exists'` changes nothing. @publicApi */
export type AttachResult = 'ok' | 'already_exists';

/**
 * The optional last argument of `attach`: required when the handler declares a config it
 * cannot do without, optional when `undefined` is an acceptable config.
 * @publicApi
 */
export type ConfigArgument<TConfig> = undefined extends TConfig
  ? [config?: TConfig]
  : [config: TConfig];

/** What `detach` answers. @publicApi */
export type DetachResult = 'ok' | 'not_found';

function assertHandlerId(fn: string, id: unknown): asserts id is HandlerId {
  if ((typeof id !== 'string' || id.length === 0) && typeof id !== 'symbol') {
    throw new ArgumentError(
      `${fn}: handlerId must be a non-empty string or a symbol, got ${describeValue(id)}.`,
    );
  }
}

function validEventName(fn: string, argument: string, name: unknown): EventName {
  assertEventName(fn, argument, name);
  return name;
}

/**
 * Checks a list of event names; `argument` names the list in errors (an option of a caller
 * that builds it, for instance), each name as `argument[i]`.
 */
export function validEventNames(fn: string, argument: string, list: unknown): EventName[] {
  let names: EventName[];
  try {
    if (!Array.isArray(list)) {
      throw new ArgumentError(
        `${fn}: ${argument} must be an array of event names such as [['sigra', 'auth', 'login', 'stop']], got ${describeValue(list)}.`,
      );
    }
    names = Array.from(list, (name: unknown, i) => validEventName(fn, `${argument}[${i}]`, name));
  } catch (error) {
    throw unreadableArgument(fn, argument, error);
  }
  const seen = new Set<string>();
  for (const name of names) {
    const key = JSON.stringify(name);
    if (seen.has(key)) {
      throw new ArgumentError(`${fn}: ${argument} lists ${key} twice; list each event once.`);
    }
    seen.add(key);
  }
  return names;
}

/** `attach` with generic metadata; documented, under the catalog's types, in `lib/sigra`. */
export function attach<TConfig = undefined>(
  handlerId: HandlerId,
  eventName: EventName,
  handler: Handler<Measurements, Metadata, TConfig>,
  ...[config]: ConfigArgument<TConfig>
): AttachResult {
  return attachAll(
    'attach',
    handlerId,
    [validEventName('attach', 'eventName', eventName)],
    handler,
    config,
  );
}

/** `attachMany` with generic metadata; documented, under the catalog's types, in `lib/sigra`. */
export function attachMany<TConfig = undefined>(
  handlerId: HandlerId,
  eventNames: readonly EventName[],
  handler: Handler<Measurements, Metadata, TConfig>,
  ...[config]: ConfigArgument<TConfig>
): AttachResult {
  const names = validEventNames('attachMany', 'eventNames', eventNames);
  return attachAll('attachMany', handlerId, names, handler, config);
}

function attachAll(
  fn: string,
  handlerId: HandlerId,
  names: readonly EventName[],
  handler: unknown,
  config: unknown,
): AttachResult {
  assertHandlerId(fn, handlerId);
  assertFunction(fn, 'handler', handler);
  if (registry.byId.has(handlerId)) return 'already_exists';
  if (names.length === 0) return 'ok';
  const records = names.map((name) => {
    const node = ensureNode(name);
    const record: HandlerRecord = {
      id: handlerId,
      eventName: node.name,
      handler: handler as HandlerRecord['handler'],
      config,
    };
    node.handlers = [...node.handlers, record];
    return record;
  });
  registry.byId.set(handlerId, records);
  return 'ok';
}

/**
 * Detaches a handler from every event it is attached to. A dispatch already running still calls
 * it; the next one does not. Names left without handlers are pruned from the event tree.
 * @publicApi
 */
export function detach(handlerId: HandlerId): DetachResult {
  assertHandlerId('detach', handlerId);
  const records = registry.byId.get(handlerId);
  if (records === undefined) return 'not_found';
  // Every new list is built before any is stored: a failure half-way (a stack about to overflow)
  // must not leave the handler listed nowhere yet still called somewhere.
  const nodes = records.map((record) => ensureNode(record.eventName));
  const lists = nodes.map((node, i) => node.handlers.filter((other) => other !== records[i]));
  registry.byId.delete(handlerId);
  for (let i = 0; i < nodes.length; i++) nodes[i]!.handlers = lists[i]!;
  for (const record of records) pruneNode(record.eventName);
  return 'ok';
}

/** True when this exact record is still attached (its id may since name another handler). */
export function isAttached(record: HandlerRecord): boolean {
  return registry.byId.get(record.id)?.includes(record) ?? false;
}

/**
 * Lists every (handler, event) pair whose event name starts with `prefix`, in attach order;
 * `[]` lists all. A handler attached to several events appears once per event.
 * @publicApi
 */
export function listHandlers(prefix: EventName): HandlerRecord[] {
  assertEventName('listHandlers', 'prefix', prefix, 0);
  const matches: HandlerRecord[] = [];
  for (const records of registry.byId.values()) {
    for (const record of records) {
      if (prefix.every((segment, i) => record.eventName[i] === segment)) matches.push(record);
    }
  }
  return matches;
}
