import type { EventName } from '../shared/telemetry.types.js';
import type { CatalogEntry, KeySpec, SpanPhase } from './catalog-entry.types.js';
import { CATALOG, UNCATALOGUED } from './catalog.data.js';
import { deepFreeze } from './deep-freeze.function.js';

/** How upstream's default logger treats an event: at the configured level, at warning, or not. */
export type LoggedAs = 'level' | 'warn' | 'no';

/** One event name of the catalog with what the lists and the table need to know about it. */
export interface EventRecord {
  readonly name: EventName;
  /** Its segments joined with `.`. */
  readonly dotted: string;
  /** Its second segment. */
  readonly category: string;
  readonly kind: 'span' | 'signal';
  /** The metadata keys it carries besides `telemetry_span_context`. */
  readonly metadata: readonly KeySpec[];
  readonly logged: LoggedAs;
  /** False for the events upstream emits without listing them. */
  readonly catalogued: boolean;
}

const SPAN_PHASES: readonly SpanPhase[] = ['start', 'stop', 'exception'];

/** What an exception event adds to the start metadata. */
const EXCEPTION_KEYS: readonly KeySpec[] = ['kind', 'reason', 'stacktrace'];

function recordsOf(entry: CatalogEntry, catalogued: boolean): EventRecord[] {
  const base = { category: entry.name[1], kind: entry.kind, catalogued };
  if (entry.kind === 'signal') {
    const logged = !catalogued ? 'no' : (entry.level ?? 'level');
    return [
      { ...base, name: entry.name, dotted: entry.name.join('.'), metadata: entry.metadata, logged },
    ];
  }
  const metadata: Record<SpanPhase, readonly KeySpec[]> = {
    start: entry.start,
    stop: [...entry.start, ...entry.stop],
    exception: [...entry.start, ...EXCEPTION_KEYS],
  };
  return SPAN_PHASES.map((phase) => {
    const name = [...entry.name, phase];
    const logged = entry.logged.includes(phase) ? 'level' : 'no';
    return { ...base, name, dotted: name.join('.'), metadata: metadata[phase], logged };
  });
}

/**
 * Every event name of the catalog, then every uncatalogued one, each once, in upstream's order;
 * a span's events follow one another as `start`, `stop`, `exception`. Deeply frozen, so the
 * names can be handed out by reference.
 */
export const EVENT_RECORDS: readonly EventRecord[] = deepFreeze([
  ...CATALOG.flatMap((entry) => recordsOf(entry, true)),
  ...UNCATALOGUED.flatMap((entry) => recordsOf(entry, false)),
]);
