import type { DottedName, SigraCatalogClosed, SigraEventMap } from '../catalog/index.js';
import type { SignalInputs, SpanInputs } from '../catalog/event-metadata.types.js';
import type { EventName, Measurements, Metadata } from '../shared/telemetry.types.js';

/*
 * Each type below takes a `Closed` parameter, the catalog's mode (`SigraCatalogConfig`) unless
 * given: `SpanStartMetadata<P, true>` is the closed shape whatever the application chose.
 */

/**
 * The metadata a handler of `E` receives: the catalog's type for a Sigra event, and
 * `Record<string, unknown>` for any other name.
 * @publicApi
 */
export type EventMetadata<E extends EventName, Closed extends boolean = SigraCatalogClosed> =
  DottedName<E> extends keyof SigraEventMap
    ? SigraEventMap<Closed>[DottedName<E>]['metadata']
    : Metadata;

/** The measurements a handler of `E` receives (see `EventMetadata`). @publicApi */
export type EventMeasurements<E extends EventName, Closed extends boolean = SigraCatalogClosed> =
  DottedName<E> extends keyof SigraEventMap
    ? SigraEventMap<Closed>[DottedName<E>]['measurements']
    : Measurements;

/**
 * The metadata `execute` takes for `E`: for a Sigra signal, its documented keys with their
 * types, `SigraCommonMetadata`, and (open catalog) any other key.
 * @publicApi
 */
export type SignalMetadata<E extends EventName, Closed extends boolean = SigraCatalogClosed> =
  DottedName<E> extends keyof SignalInputs<Closed>
    ? SignalInputs<Closed>[DottedName<E>]['metadata']
    : Metadata;

/** The measurements `execute` takes for `E` (see `SignalMetadata`). @publicApi */
export type SignalMeasurements<E extends EventName, Closed extends boolean = SigraCatalogClosed> =
  DottedName<E> extends keyof SignalInputs<Closed>
    ? SignalInputs<Closed>[DottedName<E>]['measurements']
    : Measurements;

/**
 * The start metadata `span` takes for prefix `P` (see `SignalMetadata`); a caller's own
 * `telemetry_span_context` is accepted, as in Erlang.
 * @publicApi
 */
export type SpanStartMetadata<P extends EventName, Closed extends boolean = SigraCatalogClosed> =
  DottedName<P> extends keyof SpanInputs<Closed>
    ? SpanInputs<Closed>[DottedName<P>]['start']
    : Metadata;

/**
 * The metadata a span of prefix `P` may derive from its result for `stop`: every catalogued
 * span accepts `result: 'success' | 'failure'` (see `SignalMetadata`).
 * @publicApi
 */
export type SpanStopMetadata<P extends EventName, Closed extends boolean = SigraCatalogClosed> =
  DottedName<P> extends keyof SpanInputs<Closed>
    ? SpanInputs<Closed>[DottedName<P>]['stop']
    : Metadata;
