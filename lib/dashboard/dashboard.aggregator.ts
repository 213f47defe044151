import type {
  MetricDefinition,
  MetricLabels,
  MetricObservation,
  MetricsReporter,
} from '../metrics/index.js';
import { DashboardRing } from './dashboard.ring.js';
import {
  createSlot,
  DASHBOARD_POINT_FIELDS,
  DistributionSlot,
  type DashboardSlot,
} from './dashboard.slots.js';
import type {
  DashboardChartInfo,
  DashboardSeriesInfo,
  DashboardSeriesPoints,
} from './dashboard-wire.types.js';

/** Histogram bounds of a distribution declared without `reporterOptions.buckets` (Prometheus'). */
export const DEFAULT_DASHBOARD_BUCKETS: readonly number[] = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

/** Points kept per series and the time each one covers. */
export interface DashboardHistory {
  readonly points: number;
  readonly resolutionMs: number;
}

/** One label set of one chart: its open slot and its closed ones. */
class DashboardSeries {
  readonly slot: DashboardSlot;
  readonly ring: DashboardRing;
  slotTime = -1;
  /** The earliest slot changed since the last update; set while the series is queued. */
  dirtySince = -1;

  constructor(
    readonly info: DashboardSeriesInfo,
    chart: DashboardChartInfo,
    points: number,
  ) {
    this.slot = createSlot(chart.type, chart.buckets);
    this.ring = new DashboardRing(points, chart.fields.length);
  }

  pointsSince(since: number): DashboardSeriesPoints {
    const points = this.ring.pointsSince(since);
    if (this.slotTime >= since) points.push([this.slotTime, ...this.slot.point()]);
    const { slot } = this;
    return slot instanceof DistributionSlot
      ? { series: this.info.id, points, bucketCounts: [...slot.bucketCounts] }
      : { series: this.info.id, points };
  }
}

/** The page section of a metric: its name's first segment, after a leading `sigra`. */
function groupOf(name: string): string {
  const segments = name.split('.');
  return (segments[0] === 'sigra' && segments.length > 1 ? segments[1] : segments[0]) as string;
}

/** One chart per metric name; definitions sharing a name (a span's stop and exception) share it. */
function chartsOf(metrics: readonly MetricDefinition[]): Map<string, DashboardChartInfo> {
  const charts = new Map<string, DashboardChartInfo>();
  for (const metric of metrics) {
    const known = charts.get(metric.name);
    if (known !== undefined) {
      if (known.type !== metric.type) {
        throw new TypeError(
          `SigraDashboardModule: metric ${metric.name} is declared both as ${known.type} and as ${metric.type}; one chart shows one type, so give them different names.`,
        );
      }
      continue;
    }
    charts.set(metric.name, {
      id: charts.size,
      name: metric.name,
      type: metric.type,
      unit: metric.unit,
      description: metric.description,
      group: groupOf(metric.name),
      tags: metric.tags,
      fields: DASHBOARD_POINT_FIELDS[metric.type],
      buckets:
        metric.type === 'distribution'
          ? (metric.reporterOptions.buckets ?? DEFAULT_DASHBOARD_BUCKETS)
          : [],
    });
  }
  return charts;
}

/**
 * The dashboard's reporter: per event, one clock read, two map lookups and a few additions into
 * the series' open time slot. A slot closes into the series' ring when an event lands in a later
 * slot; the stream sends the series changed since its previous update.
 */
export class DashboardAggregator implements MetricsReporter {
  readonly name = 'dashboard';
  readonly charts: readonly DashboardChartInfo[];
  private readonly chartByName: Map<string, DashboardChartInfo>;
  /** Keyed by definition, then by the frozen labels object the reporter core reuses. */
  private readonly byDefinition = new Map<MetricDefinition, Map<MetricLabels, DashboardSeries>>();
  /** Keyed by chart and label values: definitions sharing a name share their series. */
  private readonly byKey = new Map<string, DashboardSeries>();
  private readonly series: DashboardSeries[] = [];
  private fresh: DashboardSeriesInfo[] = [];
  private dirty: DashboardSeries[] = [];

  constructor(
    metrics: readonly MetricDefinition[],
    private readonly history: DashboardHistory,
    private readonly clock: () => number = Date.now,
  ) {
    this.chartByName = chartsOf(metrics);
    this.charts = [...this.chartByName.values()];
  }

  observe({ metric, value, labels }: MetricObservation): void {
    const series = this.byDefinition.get(metric)?.get(labels) ?? this.seriesFor(metric, labels);
    const now = this.clock();
    const slotTime = now - (now % this.history.resolutionMs);
    if (slotTime !== series.slotTime) {
      if (series.slotTime >= 0) series.ring.push(series.slotTime, series.slot.point());
      series.slot.reset();
      series.slotTime = slotTime;
    }
    series.slot.add(value);
    if (series.dirtySince < 0) {
      series.dirtySince = slotTime;
      this.dirty.push(series);
    }
  }

  /** Every series and its points of the last `points × resolutionMs`. */
  snapshot(): { now: number; series: DashboardSeriesInfo[]; data: DashboardSeriesPoints[] } {
    const now = this.clock();
    const since = now - this.history.points * this.history.resolutionMs;
    return {
      now,
      series: this.series.map((series) => series.info),
      data: this.series.map((series) => series.pointsSince(since)),
    };
  }

  /** The series created and the points changed since the previous call. */
  takeUpdate(): { series: DashboardSeriesInfo[]; data: DashboardSeriesPoints[] } {
    const data = this.dirty.map((series) => {
      const points = series.pointsSince(series.dirtySince);
      series.dirtySince = -1;
      return points;
    });
    const series = this.fresh;
    this.fresh = [];
    this.dirty = [];
    return { series, data };
  }

  private seriesFor(metric: MetricDefinition, labels: MetricLabels): DashboardSeries {
    const chart = this.chartByName.get(metric.name) as DashboardChartInfo;
    const key = `${chart.id}\u0000${metric.tags.map((tag) => labels[tag]).join('\u0000')}`;
    let series = this.byKey.get(key);
    if (series === undefined) {
      const info = { id: this.series.length, chart: chart.id, labels };
      series = new DashboardSeries(info, chart, this.history.points);
      this.byKey.set(key, series);
      this.series.push(series);
      this.fresh.push(info);
    }
    let byLabels = this.byDefinition.get(metric);
    if (byLabels === undefined) {
      byLabels = new Map();
      this.byDefinition.set(metric, byLabels);
    }
    byLabels.set(labels, series);
    return series;
  }
}
