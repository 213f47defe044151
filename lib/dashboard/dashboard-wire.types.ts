import type { MetricLabels, MetricType } from '../metrics/index.js';

/** One chart of the page: a metric name, whatever the number of definitions sharing it. */
export interface DashboardChartInfo {
  readonly id: number;
  readonly name: string;
  readonly type: MetricType;
  readonly unit: string;
  readonly description: string | undefined;
  /** The section of the page: the name's first segment after `sigra`. */
  readonly group: string;
  readonly tags: readonly string[];
  /** What each point holds after its time, e.g. `['count', 'p50', 'p95', 'p99']`. */
  readonly fields: readonly string[];
  /** A distribution's histogram bounds; `[]` for other types. */
  readonly buckets: readonly number[];
}

/** One label set of one chart. */
export interface DashboardSeriesInfo {
  readonly id: number;
  readonly chart: number;
  readonly labels: MetricLabels;
}

/** A point: the slot's start (ms since the epoch), then the chart's fields. */
export type DashboardPoint = readonly number[];

/** The points of a series changed since the previous update (or all of them in a snapshot). */
export interface DashboardSeriesPoints {
  readonly series: number;
  readonly points: readonly DashboardPoint[];
  /** A distribution's bucket counts since the start, one more than its bounds. */
  readonly bucketCounts?: readonly number[];
}

/** A security signal as the page shows it: policy-applied metadata, made safe to serialise. */
export interface DashboardFeedEntry {
  readonly seq: number;
  readonly time: number;
  readonly event: string;
  readonly metadata: Readonly<Record<string, string | number | boolean | null>>;
}

/** What `GET <path>/history` returns and what the stream sends first (`event: snapshot`). */
export interface DashboardSnapshot {
  readonly now: number;
  readonly resolutionMs: number;
  readonly points: number;
  readonly charts: readonly DashboardChartInfo[];
  readonly series: readonly DashboardSeriesInfo[];
  readonly data: readonly DashboardSeriesPoints[];
  readonly feed: readonly DashboardFeedEntry[];
}

/** What the stream sends at most every `stream.intervalMs` (`event: update`). */
export interface DashboardUpdate {
  readonly now: number;
  /** Series seen for the first time since the previous update. */
  readonly series: readonly DashboardSeriesInfo[];
  readonly data: readonly DashboardSeriesPoints[];
  readonly feed: readonly DashboardFeedEntry[];
}
