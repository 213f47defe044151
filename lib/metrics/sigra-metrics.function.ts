import { SigraSignals, SigraSpans } from '../catalog/index.js';
import { HANDLER_FAILURE_EVENT, type EventName, type Metadata } from '../core/index.js';
import { describeSetting, describeValue } from '../shared/value-description.functions.js';
import { counter, distribution } from './metric-declarations.functions.js';
import type { MetricDefinition } from './metric-definition.types.js';
import { assertMetricDefinitions } from './metric-definition.validation.js';

/**
 * Histogram bounds of `sigra_span_duration_seconds`, in seconds: from 100 µs (token and JWT
 * checks) through 20–500 ms (scrypt/argon2 password hashing) to 10 s (mail delivery, OAuth
 * round trips).
 * @publicApi
 */
export const SIGRA_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

/**
 * The groups of `sigraMetrics()`, each one Prometheus metric:
 * - `spans`: `sigra_span_duration_seconds` (labels `span`, `result`);
 * - `events`: `sigra_events_total` (label `event`);
 * - `mfa`: `sigra_mfa_verifications_total` (labels `method`, `result`);
 * - `sessions`: `sigra_sessions_created_total` (label `type`);
 * - `handlerFailures`: `sigra_handler_failures_total`.
 * @publicApi
 */
export type SigraMetricGroup = 'spans' | 'events' | 'mfa' | 'sessions' | 'handlerFailures';

const GROUPS: readonly SigraMetricGroup[] = [
  'spans',
  'events',
  'mfa',
  'sessions',
  'handlerFailures',
];

/** Options of `sigraMetrics`. @publicApi */
export interface SigraMetricsOptions {
  /** Groups to leave out. */
  drop?: readonly SigraMetricGroup[];
  /** The user's own definitions, appended to the set. */
  metrics?: readonly MetricDefinition[];
  /** Bounds of `sigra_span_duration_seconds` instead of {@link SIGRA_DURATION_BUCKETS}. */
  buckets?: readonly number[];
}

/** The `result` label of a stop: `failure` only when the stop metadata says so. */
function stopResult(metadata: Metadata): 'success' | 'failure' {
  return metadata.result === 'failure' ? 'failure' : 'success';
}

/** Catalogued names of one kind (the `uncatalogued` group is not part of the metric set). */
function catalogued(groups: object): EventName[] {
  return Object.entries(groups)
    .filter(([group]) => group !== 'uncatalogued')
    .flatMap(([, members]) => Object.values(members as Record<string, EventName>));
}

function spanMetrics(buckets: readonly number[]): MetricDefinition[] {
  const options = (prefix: EventName, phase: 'stop' | 'exception') => {
    const span = prefix.slice(1).join('.');
    return {
      eventName: [...prefix, phase],
      measurement: 'duration',
      unit: { from: 'native', to: 'second' },
      description:
        'Duration of Sigra operations, by span and result (success, failure, exception).',
      tags: ['span', 'result'],
      tagValues:
        phase === 'stop'
          ? (metadata: Metadata) => ({ span, result: stopResult(metadata) })
          : () => ({ span, result: 'exception' }),
      reporterOptions: { buckets },
    } as const;
  };
  return catalogued(SigraSpans).flatMap((prefix) => [
    distribution('sigra.span.duration.seconds', options(prefix, 'stop')),
    distribution('sigra.span.duration.seconds', options(prefix, 'exception')),
  ]);
}

function eventMetrics(): MetricDefinition[] {
  return catalogued(SigraSignals).map((eventName) => {
    const event = eventName.slice(1).join('.');
    return counter('sigra.events.total', {
      eventName,
      description: 'Sigra one-shot signals (security, MFA, reset, OAuth, ...), by event.',
      tags: ['event'],
      tagValues: () => ({ event }),
    });
  });
}

function mfaMetrics(): MetricDefinition[] {
  const description = 'MFA verifications, by method and result (success, failure, exception).';
  const verify = SigraSpans.mfa.verify;
  return [
    counter('sigra.mfa.verifications.total', {
      eventName: [...verify, 'stop'],
      description,
      tags: ['method', 'result'],
      tagValues: (metadata) => ({ method: metadata.method, result: stopResult(metadata) }),
    }),
    counter('sigra.mfa.verifications.total', {
      eventName: [...verify, 'exception'],
      description,
      tags: ['method', 'result'],
      tagValues: (metadata) => ({ method: metadata.method, result: 'exception' }),
    }),
  ];
}

function sessionMetrics(): MetricDefinition[] {
  return [
    counter('sigra.sessions.created.total', {
      eventName: [...SigraSpans.session.create, 'stop'],
      description: 'Sessions created, by type.',
      tags: ['type'],
    }),
  ];
}

function handlerFailureMetrics(): MetricDefinition[] {
  return [
    counter('sigra.handler.failures.total', {
      eventName: HANDLER_FAILURE_EVENT,
      description: 'Telemetry handlers that failed and were detached: some telemetry is lost.',
    }),
  ];
}

const BUILDERS: Readonly<
  Record<SigraMetricGroup, (buckets: readonly number[]) => MetricDefinition[]>
> = {
  spans: spanMetrics,
  events: eventMetrics,
  mfa: mfaMetrics,
  sessions: sessionMetrics,
  handlerFailures: handlerFailureMetrics,
};

function checkOptions(options: SigraMetricsOptions): void {
  const { drop, metrics } = options;
  if (
    drop !== undefined &&
    (!Array.isArray(drop) || drop.some((group) => !GROUPS.includes(group)))
  ) {
    throw new TypeError(
      `sigraMetrics: drop must list groups among ${GROUPS.join(', ')}, got ${describeSetting(drop)}.`,
    );
  }
  if (metrics !== undefined) assertMetricDefinitions('sigraMetrics', metrics);
}

/**
 * The Sigra metric set over the catalog, ready for `attachPrometheus`, `SigraPrometheusModule`
 * or `attachOpenTelemetryMetrics`. Prometheus names: `sigra_span_duration_seconds`,
 * `sigra_events_total`, `sigra_mfa_verifications_total`, `sigra_sessions_created_total`,
 * `sigra_handler_failures_total` (see {@link SigraMetricGroup}). A stop without `result`
 * counts as `success`; an exception event as `exception`.
 *
 * @example
 * sigraMetrics({
 *   drop: ['sessions'],
 *   metrics: [counter('sigra.security.lockout.count')],
 * });
 * @throws {TypeError} when an option is invalid, or a bucket list is invalid.
 * @publicApi
 */
export function sigraMetrics(options: SigraMetricsOptions = {}): MetricDefinition[] {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`sigraMetrics: options must be an object, got ${describeValue(options)}.`);
  }
  checkOptions(options);
  const buckets = options.buckets ?? SIGRA_DURATION_BUCKETS;
  return [
    ...GROUPS.filter((group) => !options.drop?.includes(group)).flatMap((group) =>
      BUILDERS[group](buckets),
    ),
    ...(options.metrics ?? []),
  ];
}
