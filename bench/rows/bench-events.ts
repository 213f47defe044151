import type { EventName } from '@sigra/nestjs-telemetry';

/**
 * Each row spans or emits its own event name, so all handler setups live side by side in one
 * process and every row sees exactly the handlers it describes. Frozen, as the catalog's
 * constants (`SigraSpans.auth.login`) are: the "name as a constant" rows.
 */
export const BENCH_EVENTS = deepFreezeNames({
  /**
   * No handler on any of its events, but known to the registry for the life of the process, as
   * every catalogued name is (`rows-core.ts` makes it known).
   */
  spanNone: ['bench', 'span', 'none'],
  /** One trivial handler on `start` and `stop`. */
  spanTrivial: ['bench', 'span', 'trivial'],
  /** One trivial handler on `start` and `stop`; carries the typical metadata object. */
  spanPolicy: ['bench', 'span', 'policy'],
  /** A Sigra span the default logger listens to (on `stop`; not a security event, so `level` applies). */
  spanLogged: ['sigra', 'mfa', 'enroll'],
  executeNone: ['bench', 'execute', 'none'],
  /** One trivial handler. */
  executeTrivial: ['bench', 'execute', 'trivial'],
  decoratedNone: ['bench', 'decorated', 'none'],
  /** One trivial handler on `start` and `stop`. */
  decoratedTrivial: ['bench', 'decorated', 'trivial'],
  /** Nest pipeline rows, each with its own prefix; the `trivial` one has a handler on start + stop. */
  pipelineNone: ['bench', 'pipeline', 'none'],
  pipelineTrivial: ['bench', 'pipeline', 'trivial'],
} as const satisfies Record<string, EventName>);

function deepFreezeNames<T extends Record<string, EventName>>(names: T): T {
  for (const name of Object.values(names)) Object.freeze(name);
  return Object.freeze(names);
}

/** The span prefixes that get one trivial handler on `start` and `stop`. */
export const TRIVIALLY_HANDLED_SPANS: readonly EventName[] = [
  BENCH_EVENTS.spanTrivial,
  BENCH_EVENTS.spanPolicy,
  BENCH_EVENTS.decoratedTrivial,
  BENCH_EVENTS.pipelineTrivial,
];
