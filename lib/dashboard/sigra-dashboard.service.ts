import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { attachMany, detach } from '../core/index.js';
import { attachMetrics, type StopMetrics } from '../metrics/index.js';
import { DashboardAggregator } from './dashboard.aggregator.js';
import { DashboardFeed } from './dashboard.feed.js';
import { DashboardStreams, sseMessage } from './dashboard.streams.js';
import type { DashboardSnapshot } from './dashboard-wire.types.js';
import {
  SIGRA_DASHBOARD_LOGGER_CONTEXT,
  SIGRA_DASHBOARD_OPTIONS,
} from './sigra-dashboard.constants.js';
import type { ResolvedDashboardOptions } from './sigra-dashboard.options-validation.js';

let instances = 0;

/**
 * The dashboard's state: the metrics reporter, the security feed and the open streams. Attaches
 * its handlers when the module starts and detaches them, and ends its streams, when it stops.
 */
@Injectable()
export class SigraDashboardService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SIGRA_DASHBOARD_LOGGER_CONTEXT);
  private readonly aggregator: DashboardAggregator;
  private readonly feed: DashboardFeed;
  private readonly streams: DashboardStreams;
  private readonly feedHandlerId = `sigra-dashboard-feed#${++instances}`;
  private stopMetrics: StopMetrics | undefined;

  constructor(@Inject(SIGRA_DASHBOARD_OPTIONS) private readonly options: ResolvedDashboardOptions) {
    this.aggregator = new DashboardAggregator(options.metrics, options.history);
    this.feed = new DashboardFeed(options.feedSize);
    this.streams = new DashboardStreams(options.stream, () => this.nextUpdate());
  }

  onModuleInit(): void {
    if (this.options.auth.kind === 'none') {
      this.logger.warn(
        "The Sigra dashboard is served without authentication (auth: 'none'): anyone who reaches this port sees its security signals. Use auth: { token } or a guard outside local development.",
      );
    }
    this.stopMetrics = attachMetrics({
      metrics: this.options.metrics,
      reporter: this.aggregator,
      maxLabelSets: this.options.maxLabelSets,
      logger: this.logger,
    });
    if (this.options.feed.length > 0) {
      attachMany(this.feedHandlerId, this.options.feed, (event, _measurements, metadata) =>
        this.feed.record(event, metadata),
      );
    }
  }

  onModuleDestroy(): void {
    this.stopMetrics?.();
    detach(this.feedHandlerId);
    this.streams.close();
  }

  /** Every chart, series, point and feed entry kept. */
  snapshot(): DashboardSnapshot {
    const { now, series, data } = this.aggregator.snapshot();
    const { points, resolutionMs } = this.options.history;
    return {
      now,
      resolutionMs,
      points,
      charts: this.aggregator.charts,
      series,
      data,
      feed: this.feed.all(),
    };
  }

  /** True when `stream.maxClients` streams are open. */
  streamsFull(): boolean {
    return this.streams.size >= this.options.stream.maxClients;
  }

  /** Opens a stream that starts with the snapshot; false when too many are open. */
  openStream(response: ServerResponse): boolean {
    return this.streams.open(response, sseMessage('snapshot', this.snapshot()));
  }

  private nextUpdate(): string | undefined {
    const { series, data } = this.aggregator.takeUpdate();
    const feed = this.feed.takeUpdate();
    if (series.length === 0 && data.length === 0 && feed.length === 0) return undefined;
    return sseMessage('update', { now: Date.now(), series, data, feed });
  }
}
