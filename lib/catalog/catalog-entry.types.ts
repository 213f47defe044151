import type { EventName } from '../shared/telemetry.types.js';

/** The three events a span emits, in the order they are listed. */
export type SpanPhase = 'start' | 'stop' | 'exception';

/**
 * A metadata or measurement key as it appears on the event, with a trailing `?` when the key
 * may be absent.
 */
export type KeySpec = string;

/** A span of the catalog: its prefix and the metadata its events carry. */
export interface SpanEntry {
  readonly kind: 'span';
  /** camelCase member name in `SigraSpans.<group>`. */
  readonly key: string;
  /** The span's prefix; its events append `start`, `stop` or `exception`. */
  readonly name: EventName;
  /** Metadata keys the caller gives when the span starts. */
  readonly start: readonly KeySpec[];
  /** Metadata keys the stop event adds, derived by the caller from the result. */
  readonly stop: readonly KeySpec[];
  /** Phases upstream's default logger attaches to, in upstream order. */
  readonly logged: readonly SpanPhase[];
}

/** A one-shot event of the catalog. */
export interface SignalEntry {
  readonly kind: 'signal';
  /** camelCase member name in `SigraSignals.<group>`. */
  readonly key: string;
  readonly name: EventName;
  readonly measurements: readonly KeySpec[];
  readonly metadata: readonly KeySpec[];
  /** Present on the events upstream always logs at warning level, whatever the configured level. */
  readonly level?: 'warn';
}

/** One span or signal of the catalog. */
export type CatalogEntry = SpanEntry | SignalEntry;
