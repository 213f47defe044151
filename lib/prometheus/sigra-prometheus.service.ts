import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { Registry } from 'prom-client';
import { promClient } from './prom-client.loader.js';
import { attachPrometheus } from './prometheus-reporter.function.js';
import type { StopPrometheus } from './prometheus-reporter.types.js';
import { SIGRA_PROMETHEUS_OPTIONS } from './sigra-prometheus.options-validation.js';
import type { SigraPrometheusModuleOptions } from './sigra-prometheus.options.js';

/**
 * Reports the configured metrics to the registry while the app runs: attaches on module init,
 * detaches and unregisters (its own metrics and the default metrics it added) on close, so an
 * app can be created again in the same process.
 * @publicApi
 */
@Injectable()
export class SigraPrometheusService implements OnModuleInit, OnModuleDestroy {
  /** The registry the endpoint serves. */
  readonly registry: Registry;
  private stop: StopPrometheus | undefined;
  private defaultMetricNames: string[] = [];

  constructor(
    @Inject(SIGRA_PROMETHEUS_OPTIONS) private readonly options: SigraPrometheusModuleOptions,
  ) {
    this.registry = options.registry ?? promClient.register;
  }

  onModuleInit(): void {
    const logger = new Logger('SigraPrometheus');
    this.stop = attachPrometheus({
      metrics: this.options.metrics,
      registry: this.registry,
      logger: { warn: (message) => logger.warn(message) },
      maxLabelSets: this.options.maxLabelSets,
    });
    if (this.options.defaultMetrics === true) {
      const before = new Set(this.names());
      promClient.collectDefaultMetrics({ register: this.registry });
      this.defaultMetricNames = this.names().filter((name) => !before.has(name));
    }
  }

  onModuleDestroy(): void {
    this.stop?.();
    this.stop = undefined;
    for (const name of this.defaultMetricNames) this.registry.removeSingleMetric(name);
    this.defaultMetricNames = [];
  }

  /** The exposition text of the registry, as a scrape receives it. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  private names(): string[] {
    return this.registry.getMetricsAsArray().map((metric) => metric.name);
  }
}
