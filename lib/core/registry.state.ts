import type { Channel, TracingChannel } from 'node:diagnostics_channel';
import { consoleCoreLogger, type CoreLogger } from './core-logger.constants.js';
import type { EventName, Measurements, Metadata } from '../shared/telemetry.types.js';
import type { SpanTracer } from './span-tracer.types.js';
import type { PendingStart } from './span-start.functions.js';
import {
  createMetadataPolicy,
  type MetadataPolicyOptions,
  type MetadataSanitizer,
} from '../policy/index.js';

/**
 * Identifies an attached handler. Unique across the process.
 * @publicApi
 */
export type HandlerId = string | symbol;

/**
 * A handler: called synchronously, in attach order, for every event it is attached to.
 * A handler that throws, or returns a promise that rejects, is detached (see `attach`).
 * @publicApi
 */
export type Handler<TMeasurements = Measurements, TMetadata = Metadata, TConfig = unknown> = (
  eventName: EventName,
  measurements: TMeasurements,
  metadata: TMetadata,
  config: TConfig,
) => void | Promise<void>;

/** One (handler, event) pair, as `listHandlers` returns it. @publicApi */
export interface HandlerRecord {
  readonly id: HandlerId;
  readonly eventName: EventName;
  readonly handler: Handler<never, never, never>;
  readonly config: unknown;
}

/**
 * A node of the event-name trie. `handlers` is replaced, never mutated, on attach and detach, so
 * a dispatch that already read it runs to the end on its snapshot (Erlang `:telemetry` does the
 * same: a handler detached mid-dispatch is still called by that dispatch).
 */
export interface EventNode {
  readonly name: EventName;
  readonly children: Map<string, EventNode>;
  handlers: readonly HandlerRecord[];
  /** The span events under this node as a span prefix, created on first use (see `span`). */
  spanChannel: SpanChannel | undefined;
  /** The `diagnostics_channel` of this name as a one-shot signal, created on first use. */
  signalChannel: Channel | undefined;
  /** A name the registry must always know (a catalogued event): never pruned (see `pinEventName`). */
  pinned: boolean;
}

/** The three event nodes of one span prefix. */
export interface SpanChannel {
  /** The span prefix: the name of the node the channel belongs to. */
  readonly prefix: EventName;
  readonly start: EventNode;
  readonly stop: EventNode;
  readonly exception: EventNode;
  /** Held by a decorated method for its lifetime: its nodes are never pruned. */
  pinned: boolean;
  /** `tracing:sigra.<prefix>:*`, published only while someone subscribes. */
  readonly tracing: TracingChannel<unknown, object>;
}

interface Registry {
  readonly root: EventNode;
  /** Handler records by id, in attach order. */
  readonly byId: Map<HandlerId, readonly HandlerRecord[]>;
  logger: CoreLogger;
  policyOptions: MetadataPolicyOptions;
  sanitize: MetadataSanitizer;
  /** Spans whose `start` waits for their function to return, innermost last (see `span-start.functions.ts`). */
  readonly pendingStarts: PendingStart[];
  /** How many entries of `pendingStarts` are not yet delivered: the hot path reads only this. */
  undelivered: number;
  nextSpanContext: number;
  /** How many handler calls are running, nested: bounds re-entrancy (see `dispatch`). */
  depth: number;
  /** The record of the innermost handler running, the one to blame for a runaway re-entry. */
  invoking: HandlerRecord | undefined;
  /** Tracers registered with `registerTracer`, replaced (never mutated) on change. */
  tracers: readonly SpanTracer[];
}

/**
 * One registry per process, even when two copies of this package are installed: it lives on
 * `globalThis` under a registered symbol. The version in the key changes whenever the shape above
 * changes, so copies with different shapes never share (and corrupt) one object.
 */
const REGISTRY_KEY = Symbol.for('@sigra/nestjs-telemetry/registry@3');

function createRegistry(): Registry {
  return {
    root: {
      name: Object.freeze([]),
      children: new Map(),
      handlers: [],
      spanChannel: undefined,
      signalChannel: undefined,
      pinned: false,
    },
    byId: new Map(),
    logger: consoleCoreLogger,
    policyOptions: {},
    sanitize: createMetadataPolicy(),
    pendingStarts: [],
    undelivered: 0,
    nextSpanContext: 1,
    depth: 0,
    invoking: undefined,
    tracers: [],
  };
}

const globalSlot = globalThis as { [REGISTRY_KEY]?: Registry };

/** The process-wide registry. */
export const registry: Registry = (globalSlot[REGISTRY_KEY] ??= createRegistry());
