import type { DottedName, SigraEventMap, SigraSignalMap, SigraSpanMap } from '../catalog/index.js';
import type { EventName, Measurements, Metadata } from './telemetry.types.js';

/**
 * The metadata a handler of `E` receives: the catalog's type for a Sigra event, and
 * `Record<string, unknown>` for any other name.
 * @publicApi
 */
export type EventMetadata<E extends EventName> =
  DottedName<E> extends keyof SigraEventMap ? SigraEventMap[DottedName<E>]['metadata'] : Metadata;

/** The measurements a handler of `E` receives (see `EventMetadata`). @publicApi */
export type EventMeasurements<E extends EventName> =
  DottedName<E> extends keyof SigraEventMap
    ? SigraEventMap[DottedName<E>]['measurements']
    : Measurements;

/**
 * An empty object type accepts any object in TypeScript. Where metadata goes in, an event that
 * documents no metadata must accept none, so that a stray `email` fails to compile.
 */
type Closed<T> = [keyof T] extends [never] ? Record<string, never> : T;

/** The metadata `execute` takes for `E`: the catalog's type for a Sigra signal. @publicApi */
export type SignalMetadata<E extends EventName> =
  DottedName<E> extends keyof SigraSignalMap
    ? Closed<SigraSignalMap[DottedName<E>]['metadata']>
    : Metadata;

/** The measurements `execute` takes for `E` (see `SignalMetadata`). @publicApi */
export type SignalMeasurements<E extends EventName> =
  DottedName<E> extends keyof SigraSignalMap
    ? SigraSignalMap[DottedName<E>]['measurements']
    : Measurements;

/** The start metadata `span` takes for prefix `P`. @publicApi */
export type SpanStartMetadata<P extends EventName> =
  DottedName<P> extends keyof SigraSpanMap
    ? Closed<SigraSpanMap[DottedName<P>]['start']>
    : Metadata;

/** The metadata a span of prefix `P` may derive from its result for `stop`. @publicApi */
export type SpanStopMetadata<P extends EventName> =
  DottedName<P> extends keyof SigraSpanMap ? Closed<SigraSpanMap[DottedName<P>]['stop']> : Metadata;
