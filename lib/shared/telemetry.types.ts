/**
 * An event name: a non-empty list of non-empty segments, compared segment by segment.
 *
 * @example ['sigra', 'auth', 'login', 'stop']
 * @publicApi
 */
export type EventName = readonly string[];

/** Numeric facts about an event (durations, counts, timestamps). @publicApi */
export type Measurements = Record<string, unknown>;

/** Context about an event (who, what, outcome). Passed through the metadata policy. @publicApi */
export type Metadata = Record<string, unknown>;

/**
 * Identifies one span: fresh per call, the same value on its `start` and on its `stop` or
 * `exception` event.
 * @publicApi
 */
export type SpanContext = number | string | object;

/** Measurements of a span's `start` event. @publicApi */
export interface SpanStartMeasurements {
  /** Monotonic clock reading, integer nanoseconds (see `convertTime`). */
  monotonic_time: number;
  /** Wall clock, milliseconds since the Unix epoch (as `Date.now()`). */
  system_time: number;
}

/** Measurements of a span's `stop` and `exception` events. @publicApi */
export interface SpanStopMeasurements {
  /** Time from `start` to this event, integer nanoseconds. */
  duration: number;
  /** Monotonic clock reading at this event, integer nanoseconds. */
  monotonic_time: number;
}

/** Metadata every span event carries on top of the caller's. @publicApi */
export interface SpanContextMetadata {
  telemetry_span_context: SpanContext;
}

/** Metadata a span's `exception` event adds to the start metadata. @publicApi */
export interface SpanExceptionMetadata extends SpanContextMetadata {
  /** `'error'` for an `Error` instance, `'throw'` for any other thrown value. */
  kind: 'error' | 'throw';
  /**
   * The thrown value as the metadata policy copied it: an error stays an error of the same class,
   * with any secret cut out of its message and stack. The caller still gets the original.
   */
  reason: unknown;
  /** The error's stack, or `''` when the thrown value has none. */
  stacktrace: string;
}
