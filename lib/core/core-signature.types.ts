import type { EventName, Measurements, Metadata } from '../shared/telemetry.types.js';

/*
 * The shapes core's signatures take and hand out, named by role and parameterised by the event
 * name: for core, every name takes a plain object. Core knows no catalog; the typed Sigra API
 * (`lib/sigra`) exports the same functions with these roles narrowed per catalogued name.
 */

/** The metadata a handler of `_E` receives. */
export type EventMetadata<_E extends EventName> = Metadata;

/** The measurements a handler of `_E` receives. */
export type EventMeasurements<_E extends EventName> = Measurements;

/** The metadata `execute` takes for `_E`. */
export type SignalMetadata<_E extends EventName> = Metadata;

/** The measurements `execute` takes for `_E`. */
export type SignalMeasurements<_E extends EventName> = Measurements;

/** The start metadata `span` takes for prefix `_P`. */
export type SpanStartMetadata<_P extends EventName> = Metadata;

/** The metadata a span of prefix `_P` may derive from its result for `stop`. */
export type SpanStopMetadata<_P extends EventName> = Metadata;
