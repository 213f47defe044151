import type { TracerProvider } from '@opentelemetry/api';

/**
 * What becomes of a one-shot signal (`security.lockout`, `reset.requested`, …):
 * - `'span-events'`: an event on the active span; dropped when no span is active.
 * - `'span-events-or-spans'`: the same, and a short span of its own when no span is active.
 * - `'off'`: nothing.
 * @publicApi
 */
export type SigraSignalTracing = 'span-events' | 'span-events-or-spans' | 'off';

/**
 * Options of `attachOpenTelemetry` and `SigraOpenTelemetryModule.forRoot`.
 * @publicApi
 */
export interface SigraOpenTelemetryOptions {
  /** Where spans go. Default: the globally registered provider (a no-op until an SDK registers). */
  tracerProvider?: TracerProvider;
  /**
   * Attribute names for metadata keys, over the defaults (`user_id` → `user.id`,
   * `ip` → `client.address`, any other key → `sigra.<key>`); `false` leaves a key out.
   * @example { user_id: 'enduser.pseudo.id', user_agent: 'user_agent.original', method: false }
   */
  attributes?: Readonly<Record<string, string | false>>;
  /** Default `'span-events'`. */
  signals?: SigraSignalTracing;
  /**
   * Whether a failed operation sets the span's status to ERROR: a `stop` with
   * `result: 'failure'` (a wrong password, a 4xx `HttpException`) or an `HttpException` with a
   * 4xx status. `'unset'` leaves such spans without status, as OpenTelemetry's HTTP server spans
   * do for 4xx. Thrown errors always set ERROR. Default `'error'`.
   */
  failureStatus?: 'error' | 'unset';
}

/** Options with every default applied. */
export interface ResolvedSigraOpenTelemetryOptions {
  readonly tracerProvider: TracerProvider | undefined;
  readonly attributes: Readonly<Record<string, string | false>>;
  readonly signals: SigraSignalTracing;
  readonly failureStatus: 'error' | 'unset';
}
