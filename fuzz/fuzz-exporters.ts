import { inspect } from 'node:util';
import { MODULE_METADATA } from '@nestjs/common/constants.js';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { Registry } from 'prom-client';
import { execute, type EventName, type Metadata } from '@sigra/nestjs-telemetry';
import { counter, sigraMetrics, type MetricDefinition } from '@sigra/nestjs-telemetry/metrics';
import { SigraDashboardModule } from '@sigra/nestjs-telemetry/dashboard';
import {
  attachOpenTelemetry,
  attachOpenTelemetryMetrics,
} from '@sigra/nestjs-telemetry/opentelemetry';
import { attachPrometheus } from '@sigra/nestjs-telemetry/prometheus';

/** The exporters the fuzz reads, each a sink of its own. */
export const EXPORTER_SINKS = [
  'opentelemetry-traces',
  'opentelemetry-metrics',
  'prometheus',
  'dashboard',
  'metrics-warning',
] as const;
export type ExporterSink = (typeof EXPORTER_SINKS)[number];

/** Label sets kept per metric: far above a run's emissions, so no secret folds into `other`. */
const MAX_LABEL_SETS = 1_000_000;

/** Everything the fuzz's emissions carry, rendered whole: nothing an exporter holds is skipped. */
const render = (value: unknown) =>
  inspect(value, {
    depth: Infinity,
    maxArrayLength: Infinity,
    maxStringLength: Infinity,
    breakLength: Infinity,
  });

/** Text of an error-like value's message, as a user's `tagValues` might read it. */
function messageOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null
    ? (value as { message?: unknown }).message
    : undefined;
}

/**
 * User metrics over the placements the fuzz uses, on every event it emits: a counter per
 * primitive-valued key (`note`, `route`), and one tagging the thrown error's message (the
 * `error` or `reason` metadata), as an application that labels failures might.
 */
export function fuzzMetrics(events: readonly EventName[]): MetricDefinition[] {
  return events.flatMap((eventName) => {
    const name = eventName.join('.');
    return [
      counter(`${name}.by_note`, { eventName, tags: ['note'] }),
      counter(`${name}.by_route`, { eventName, tags: ['route'] }),
      counter(`${name}.by_failure`, {
        eventName,
        tags: ['failure'],
        tagValues: (metadata: Metadata) => ({
          failure: messageOf(metadata.error) ?? messageOf(metadata.reason),
        }),
      }),
    ];
  });
}

/** The dashboard module of the fuzz's app: its charts over the metrics, its feed over the events. */
export function fuzzDashboard(
  metrics: readonly MetricDefinition[],
  events: readonly EventName[],
): DynamicModule {
  return SigraDashboardModule.forRoot({
    auth: 'none',
    metrics,
    feed: events,
    feedSize: 16,
    // The module's ceiling; each app of a run sees half its emissions, fewer than this.
    maxLabelSets: 10_000,
  });
}

/** The dashboard's state service, not exported: found among the module's declared providers. */
function dashboardServiceClass(): Type {
  const providers = Reflect.getMetadata(
    MODULE_METADATA.PROVIDERS,
    SigraDashboardModule,
  ) as unknown[];
  const service = providers.find(
    (provider) => typeof provider === 'function' && provider.name === 'SigraDashboardService',
  );
  if (service === undefined)
    throw new Error('SigraDashboardModule declares no SigraDashboardService');
  return service as Type;
}

/**
 * The text a dashboard update carries: its series' labels and its feed entries. Its other
 * fields are numbers (ids, times, points), left out: a time such as `…000000` would read as a
 * leaked one-time code.
 */
function dashboardText(update: string): unknown {
  const { series, feed } = JSON.parse(update.slice(update.indexOf('data: ') + 6)) as {
    series: { labels: unknown }[];
    feed: { event: string; metadata: unknown }[];
  };
  return {
    labels: series.map(({ labels }) => labels),
    feed: feed.map(({ event, metadata }) => ({ event, metadata })),
  };
}

/** What the exporters of one app hold; `collect` reads what one emission left in each. */
export interface FuzzExporters {
  /** Forgets what earlier emissions left, so `collect` reads one emission only. */
  reset(): void;
  collect(): Promise<Record<ExporterSink, string[]>>;
  /**
   * Emits `event` once to a Prometheus reporter of its own whose user metric throws `thrown()`
   * from its `tagValues`: the reporter warns once per metric, so each case gets a fresh one.
   */
  failMetric(event: EventName, thrown: () => unknown): void;
  stop(): Promise<void>;
}

/**
 * Attaches the real exporters next to the app's handlers: the OpenTelemetry bridge into the SDK
 * with an in-memory span exporter, the Meter reporter into the SDK with a delta reader, and
 * Prometheus into its own registry, each with `sigraMetrics()` and the user metrics. The
 * dashboard is the app's `SigraDashboardModule`; its stream's next update is read directly (the
 * bytes an SSE client gets, without HTTP, which would cost a request per emission).
 */
export function attachFuzzExporters(
  app: INestApplication,
  metrics: readonly MetricDefinition[],
): FuzzExporters {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(spans)],
  });
  const stopTraces = attachOpenTelemetry({ tracerProvider, signals: 'span-events-or-spans' });

  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.DELTA),
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const reported = [...sigraMetrics(), ...metrics];
  // Every reporter's warnings, read as a sink: none is silenced.
  let warnings: string[] = [];
  const logger = { warn: (message: string) => void warnings.push(message) };
  const stopMeter = attachOpenTelemetryMetrics({
    metrics: reported,
    meter: meterProvider.getMeter('fuzz'),
    maxLabelSets: MAX_LABEL_SETS,
    logger,
  });

  const registry = new Registry();
  const stopPrometheus = attachPrometheus({
    metrics: reported,
    registry,
    maxLabelSets: MAX_LABEL_SETS,
    logger,
  });

  const dashboard = app.get(dashboardServiceClass()) as { nextUpdate(): string | undefined };
  // The stream's own update step (private: the module sends it to SSE clients on a timer).
  const dashboardUpdate = () => dashboard.nextUpdate();

  return {
    reset() {
      spans.reset();
      registry.resetMetrics();
      dashboardUpdate();
      warnings = [];
    },
    failMetric(eventName, thrown) {
      const stop = attachPrometheus({
        metrics: [
          counter('fuzz.failing.metric', {
            eventName,
            tags: ['failure'],
            tagValues: () => {
              throw thrown();
            },
          }),
        ],
        registry: new Registry(),
        logger,
      });
      try {
        execute(eventName, {}, {});
      } finally {
        stop();
      }
    },
    async collect() {
      const finished = spans.getFinishedSpans().map((span) => ({
        name: span.name,
        attributes: span.attributes,
        events: span.events.map(({ name, attributes }) => ({ name, attributes })),
        status: span.status,
      }));
      const { resourceMetrics } = await reader.collect();
      const points = resourceMetrics.scopeMetrics.flatMap((scope) =>
        scope.metrics.flatMap(({ descriptor, dataPoints }) =>
          dataPoints.map(({ attributes, value }) => ({ name: descriptor.name, attributes, value })),
        ),
      );
      const update = dashboardUpdate();
      return {
        'opentelemetry-traces': finished.length > 0 ? [render(finished)] : [],
        'opentelemetry-metrics': points.length > 0 ? [render(points)] : [],
        // Samples only: HELP and TYPE lines, and an unlabelled counter's reset 0, are there
        // whatever the emission.
        prometheus: (await registry.metrics())
          .split('\n')
          .filter((line) => line !== '' && !line.startsWith('#') && !/^[^{\s]+ 0$/.test(line)),
        dashboard: update === undefined ? [] : [render(dashboardText(update))],
        'metrics-warning': warnings,
      };
    },
    async stop() {
      stopTraces();
      stopMeter();
      stopPrometheus();
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
    },
  };
}
