import type { MetricDefinition } from './metric-definition.types.js';

/** What must agree between definitions a backend reports as one metric. */
function shape(metric: MetricDefinition): string {
  return JSON.stringify([
    metric.type,
    metric.tags.toSorted(),
    metric.unit,
    metric.reporterOptions.buckets,
  ]);
}

/**
 * Groups definitions by the name a backend reports them under (several definitions may feed one
 * metric, like the per-event definitions of `sigra_events_total`), in declaration order.
 * @throws {TypeError} when two definitions of one name differ in type, tags, unit or buckets.
 */
export function groupByReportedName(
  fn: string,
  metrics: readonly MetricDefinition[],
  nameOf: (metric: MetricDefinition) => string,
): Map<string, MetricDefinition[]> {
  const groups = new Map<string, MetricDefinition[]>();
  for (const metric of metrics) {
    const name = nameOf(metric);
    const group = groups.get(name) ?? [];
    const first = group[0];
    if (first !== undefined && shape(first) !== shape(metric)) {
      throw new TypeError(
        `${fn}: ${first.type}(${JSON.stringify(first.name)}) and ${metric.type}(${JSON.stringify(metric.name)}) both report as ${name} but differ in type, tags, unit or buckets. Make them agree, or give one a reporterOptions.prometheusName of its own.`,
      );
    }
    group.push(metric);
    groups.set(name, group);
  }
  return groups;
}

/** The description of a group: the first one declared, or one naming the metric. */
export function groupDescription(group: readonly MetricDefinition[]): string {
  const described = group.find((metric) => metric.description !== undefined);
  return described?.description ?? `Sigra metric ${(group[0] as MetricDefinition).name}.`;
}
