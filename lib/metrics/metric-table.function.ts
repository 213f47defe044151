import type { MetricDefinition, MetricType } from './metric-definition.types.js';
import { groupByReportedName, groupDescription } from './metric-groups.function.js';
import { prometheusName } from './prometheus-name.function.js';
import { sigraMetrics } from './sigra-metrics.function.js';

const PROMETHEUS_TYPES: Readonly<Record<MetricType, string>> = {
  counter: 'counter',
  sum: 'counter',
  last_value: 'gauge',
  summary: 'summary',
  distribution: 'histogram',
};

const SHOWN_EVENTS = 3;

function events(group: readonly MetricDefinition[]): string {
  const names = group.map((metric) => `\`${metric.eventName.join('.')}\``);
  const shown = names.slice(0, SHOWN_EVENTS).join(', ');
  return names.length > SHOWN_EVENTS ? `${names.length} events: ${shown}, …` : shown;
}

function row(name: string, group: readonly MetricDefinition[]): string {
  const first = group[0] as MetricDefinition;
  const type = PROMETHEUS_TYPES[first.type];
  const buckets = first.reporterOptions.buckets;
  const cells = [
    `\`${name}\``,
    buckets === undefined ? type : `${type} (buckets ${buckets.join(', ')})`,
    first.tags.map((tag) => `\`${tag}\``).join(', ') || '—',
    first.unit === 'unit' ? '—' : first.unit,
    events(group),
    groupDescription(group),
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * Renders the metrics of `sigraMetrics()` as the README's Markdown table: one row per
 * Prometheus metric, with its type, labels, unit, the events that feed it and its description.
 */
export function renderMetricTable(): string {
  const groups = groupByReportedName('renderMetricTable', sigraMetrics(), prometheusName);
  return [
    '| Prometheus metric | type | labels | unit | events | description |',
    '| --- | --- | --- | --- | --- | --- |',
    ...[...groups].map(([name, group]) => row(name, group)),
  ].join('\n');
}
