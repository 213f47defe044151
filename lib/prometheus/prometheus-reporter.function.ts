import type { Registry } from 'prom-client';
import { describeValue } from '../shared/value-description.functions.js';
import type { MetricDefinition } from '../metrics/index.js';
import { assertMetricDefinitions } from '../metrics/metric-definition.validation.js';
import {
  attachMetricRecorders,
  type MetricRecorder,
} from '../metrics/metric-recorders.function.js';
import { groupByReportedName, groupDescription } from '../metrics/metric-groups.function.js';
import { promClient } from './prom-client.loader.js';
import { prometheusName } from '../metrics/prometheus-name.function.js';
import type { AttachPrometheusOptions, StopPrometheus } from './prometheus-reporter.types.js';

/** Creates (and registers) the prom-client metric of one group; returns how to update it. */
function createMetric(name: string, group: MetricDefinition[], registry: Registry): MetricRecorder {
  const first = group[0] as MetricDefinition;
  const common = {
    name,
    help: groupDescription(group),
    labelNames: first.tags,
    registers: [registry],
  };
  switch (first.type) {
    case 'counter': {
      const counter = new promClient.Counter(common);
      return (_, labels) => counter.inc(labels, 1);
    }
    case 'sum': {
      // A Prometheus counter never goes down: a negative value throws, and the reporter core
      // skips that event with a warning.
      const counter = new promClient.Counter(common);
      return (value, labels) => counter.inc(labels, value);
    }
    case 'last_value': {
      const gauge = new promClient.Gauge(common);
      return (value, labels) => gauge.set(labels, value);
    }
    case 'summary': {
      const summary = new promClient.Summary(common);
      return (value, labels) => summary.observe(labels, value);
    }
    case 'distribution': {
      const { buckets } = first.reporterOptions;
      const histogram = new promClient.Histogram(
        buckets === undefined ? common : { ...common, buckets: [...buckets] },
      );
      return (value, labels) => histogram.observe(labels, value);
    }
  }
}

function checkRegistry(registry: unknown): asserts registry is Registry {
  if (!(registry instanceof promClient.Registry)) {
    throw new TypeError(
      `attachPrometheus: registry must be a prom-client Registry (from the prom-client your app imports), got ${describeValue(registry)}.`,
    );
  }
}

/**
 * Reports metric definitions to a prom-client registry: counter → Counter, sum → Counter,
 * lastValue → Gauge, summary → Summary, distribution → Histogram (buckets from
 * `reporterOptions.buckets`, prom-client's defaults otherwise). Definitions that share a
 * Prometheus name (like the per-event definitions of `sigra_events_total`) feed one metric.
 * All metrics are registered before any handler is attached; the returned function detaches the
 * handlers and unregisters the metrics.
 *
 * For apps that serve `registry.metrics()` themselves; Nest apps can use `SigraPrometheusModule`.
 *
 * @example
 * import { Registry } from 'prom-client';
 * import { sigraMetrics } from '@sigra/nestjs-telemetry';
 * import { attachPrometheus } from '@sigra/nestjs-telemetry/prometheus';
 *
 * const registry = new Registry();
 * const stop = attachPrometheus({ metrics: sigraMetrics(), registry });
 * // GET /metrics: res.type(registry.contentType).send(await registry.metrics())
 * @throws {TypeError} when an option is invalid, two definitions disagree on one name, or the
 * registry already holds one of the names; nothing is registered or attached then.
 * @publicApi
 */
export function attachPrometheus(options: AttachPrometheusOptions): StopPrometheus {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `attachPrometheus: options must be an object { metrics, registry? }, got ${describeValue(options)}.`,
    );
  }
  const registry = options.registry ?? promClient.register;
  checkRegistry(registry);
  assertMetricDefinitions('attachPrometheus', options.metrics);
  const groups = groupByReportedName('attachPrometheus', options.metrics, prometheusName);
  const taken = [...groups.keys()].filter((name) => registry.getSingleMetric(name) !== undefined);
  if (taken.length > 0) {
    throw new TypeError(
      `attachPrometheus: the registry already has ${taken.join(', ')}. Stop the earlier attachPrometheus (or remove those metrics), or report to another registry.`,
    );
  }

  const records = new Map<MetricDefinition, MetricRecorder>();
  const registered: string[] = [];
  const unregister = (): void => {
    for (const name of registered) registry.removeSingleMetric(name);
  };
  try {
    for (const [name, group] of groups) {
      const record = createMetric(name, group, registry);
      registered.push(name);
      for (const metric of group) records.set(metric, record);
    }
    const detach = attachMetricRecorders('prometheus', options, records);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      detach();
      unregister();
    };
  } catch (error) {
    unregister();
    throw error;
  }
}
