import { execute, type EventName } from '@sigra/nestjs-telemetry';
import {
  attachMetrics,
  counter,
  distribution,
  type MetricDefinition,
  type MetricObservation,
  type MetricsReporter,
} from '@sigra/nestjs-telemetry/metrics';
import { Counter, Histogram, Registry } from 'prom-client';
import { DashboardAggregator } from '../dist/dashboard/dashboard.aggregator.js';
import type { BenchRow } from './harness/bench-row.types.js';
import { sendToParent } from './harness/child-process.js';
import { formatNs, formatRatio, markdownTable } from './harness/markdown-table.js';
import { measureRows } from './harness/measure-rows.js';
import { SETTINGS } from './rows/phases.js';

type Kind = 'distribution' | 'counter';
type Sink = 'none' | 'noop' | 'dashboard' | 'prom';

const SINKS: readonly Sink[] = ['none', 'noop', 'dashboard', 'prom'];
const SPANS = ['auth.login', 'auth.register', 'mfa.verify', 'session.create'];
const KINDS: readonly Kind[] = ['distribution', 'counter'];

function eventOf(kind: Kind, sink: Sink): EventName {
  return ['bench', kind, sink, 'stop'];
}

/** The same declaration for each sink, on its own event: one span-duration histogram or counter. */
function metricFor(kind: Kind, sink: Sink): MetricDefinition {
  const options = {
    eventName: eventOf(kind, sink),
    tags: ['span', 'result'],
    tagValues: (metadata: Record<string, unknown>) => ({
      span: metadata.span,
      result: metadata.result ?? 'success',
    }),
  };
  return kind === 'distribution'
    ? distribution(`bench.${sink}.duration.seconds`, {
        ...options,
        measurement: 'duration',
        unit: { from: 'native', to: 'second' },
      })
    : counter(`bench.${sink}.total`, options);
}

/** The peer: what a prom-client reporter does per observation. */
function promReporter(metrics: readonly MetricDefinition[]): MetricsReporter {
  const registry = new Registry();
  const instruments = new Map<MetricDefinition, (o: MetricObservation) => void>();
  for (const metric of metrics) {
    const name = metric.name.replaceAll('.', '_');
    const labelNames = [...metric.tags];
    if (metric.type === 'distribution') {
      const histogram = new Histogram({ name, help: name, labelNames, registers: [registry] });
      instruments.set(metric, (o) => histogram.observe(o.labels, o.value));
    } else {
      const total = new Counter({ name, help: name, labelNames, registers: [registry] });
      instruments.set(metric, (o) => total.inc(o.labels));
    }
  }
  return { name: 'prom-client', observe: (o) => instruments.get(o.metric)?.(o) };
}

function reporterFor(sink: Sink, metrics: readonly MetricDefinition[]): MetricsReporter {
  if (sink === 'dashboard')
    return new DashboardAggregator(metrics, { points: 600, resolutionMs: 1000 });
  if (sink === 'prom') return promReporter(metrics);
  return { name: 'noop', observe: () => {} };
}

function attachSinks(): void {
  const logger = { warn: () => {} };
  for (const sink of SINKS) {
    if (sink === 'none') continue;
    const metrics = KINDS.map((kind) => metricFor(kind, sink));
    attachMetrics({ metrics, reporter: reporterFor(sink, metrics), logger });
  }
}

/** `reporter.observe` alone, with the observations the core would hand over (frozen labels). */
function observeRows(): BenchRow[] {
  const labelSets = SPANS.flatMap((span) =>
    ['success', 'failure'].map((result) => Object.freeze({ span, result })),
  );
  return KINDS.flatMap((kind) =>
    (['noop', 'dashboard', 'prom'] as const).map((sink) => {
      const metric = metricFor(kind, sink);
      const reporter = reporterFor(sink, [metric]);
      const observations = labelSets.map((labels, i) => ({ metric, value: 0.001 * i, labels }));
      return {
        id: `observe-${kind}-${sink}`,
        label: `observe ${kind}, ${sink}`,
        mode: 'sync',
        side: sink === 'prom' ? 'peer' : 'ours',
        baseline: `observe-${kind}-noop`,
        call: (i: number) => reporter.observe(observations[i & 7] as MetricObservation),
      } satisfies BenchRow;
    }),
  );
}

function executeRows(): BenchRow[] {
  return KINDS.flatMap((kind) =>
    SINKS.map((sink) => {
      const event = eventOf(kind, sink);
      return {
        id: `${kind}-${sink}`,
        label: `${kind}, ${sink}`,
        mode: 'sync',
        side: sink === 'prom' ? 'peer' : 'ours',
        baseline: `${kind}-noop`,
        call: (i: number) =>
          execute(
            event,
            { duration: 1_000_000 + (i % 1000) * 50_000, monotonic_time: i },
            { span: SPANS[i % SPANS.length], result: i % 5 === 0 ? 'failure' : 'success' },
          ),
      } satisfies BenchRow;
    }),
  );
}

type Ns = (id: string) => number;

/** `reporter.observe` alone: the dashboard and prom-client rows minus the no-op row. */
function observeTable(ns: Ns): string {
  return markdownTable(
    [
      'metric type',
      'no-op `observe` ns',
      'dashboard ns (over no-op)',
      'prom-client ns (over no-op)',
      'dashboard ÷ prom-client',
    ],
    KINDS.map((kind) => {
      const base = ns(`observe-${kind}-noop`);
      const dashboard = ns(`observe-${kind}-dashboard`) - base;
      const prom = ns(`observe-${kind}-prom`) - base;
      return [
        kind,
        formatNs(base),
        formatNs(dashboard),
        formatNs(prom),
        formatRatio(dashboard / prom),
      ];
    }),
  );
}

/**
 * `execute` end to end, as measured: the policy pass and the reporter core dominate and vary with
 * the machine's load, so the rows are shown whole rather than as differences.
 */
function executeTable(ns: Ns): string {
  return markdownTable(
    [
      'metric type',
      'nothing attached ns',
      'no-op reporter ns',
      'dashboard ns',
      'prom-client ns',
      'dashboard ÷ prom-client',
    ],
    KINDS.map((kind) => [
      kind,
      ...SINKS.map((sink) => formatNs(ns(`${kind}-${sink}`))),
      formatRatio(ns(`${kind}-dashboard`) / ns(`${kind}-prom`)),
    ]),
  );
}

/** Measures the per-event cost of the dashboard's aggregation; returns Markdown. */
async function measureDashboard(): Promise<string> {
  attachSinks();
  const results = await measureRows([...observeRows(), ...executeRows()], SETTINGS, (round) =>
    process.stderr.write(`  dashboard: round ${round}/${SETTINGS.rounds}\n`),
  );
  const ns: Ns = (id) => results.find((result) => result.id === id)?.medianNs ?? NaN;
  return [
    'Aggregation alone: `reporter.observe(observation)`, 8 label sets (4 spans × 2 results), ns/op.',
    observeTable(ns),
    'End to end: `execute` of a stop event through the metadata policy and `attachMetrics` (tag function, unit conversion, label cap), then the reporter, ns/op.',
    executeTable(ns),
    "Same process, interleaved rounds; the peer is prom-client's `Histogram.observe` / `Counter.inc` with the same labels.",
  ].join('\n\n');
}

if (process.argv.includes('--child')) {
  await sendToParent(await measureDashboard());
}
