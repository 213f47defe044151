import { Module, type DynamicModule } from '@nestjs/common';
import { SigraMetricsBearerGuard } from './sigra-metrics-bearer.guard.js';
import {
  ConfigurableSigraPrometheusModule,
  SIGRA_PROMETHEUS_ASYNC_OPTIONS_TYPE,
  SIGRA_PROMETHEUS_MODULE_OPTIONS,
  SIGRA_PROMETHEUS_OPTIONS_TYPE,
} from './sigra-prometheus.module-definition.js';
import {
  resolvePrometheusOptions,
  SIGRA_PROMETHEUS_OPTIONS,
} from './sigra-prometheus.options-validation.js';
import { SigraPrometheusService } from './sigra-prometheus.service.js';

/**
 * Serves the Prometheus exposition format of the given metrics (usually `sigraMetrics()`) at
 * `/metrics`, with prom-client's content type. Uses the app's registry when given (so it lives
 * beside `@willsoto/nestjs-prometheus`), prom-client's global one otherwise. Protect the endpoint
 * with `bearerToken` or a `guard`, or keep it off the public listener.
 *
 * @example
 * @Module({
 *   imports: [
 *     SigraTelemetryModule.forRoot(),
 *     SigraPrometheusModule.forRoot({ metrics: sigraMetrics(), bearerToken: process.env.METRICS_TOKEN }),
 *   ],
 * })
 * export class AppModule {}
 *
 * @example
 * SigraPrometheusModule.forRootAsync({
 *   path: '/internal/metrics',
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({
 *     metrics: sigraMetrics(),
 *     bearerToken: config.get('METRICS_TOKEN'),
 *   }),
 * });
 * @publicApi
 */
@Module({
  providers: [
    {
      provide: SIGRA_PROMETHEUS_OPTIONS,
      useFactory: resolvePrometheusOptions,
      inject: [SIGRA_PROMETHEUS_MODULE_OPTIONS],
    },
    SigraPrometheusService,
    SigraMetricsBearerGuard,
  ],
  exports: [SigraPrometheusService],
})
export class SigraPrometheusModule extends ConfigurableSigraPrometheusModule {
  /** Configures the module with static options. */
  static override forRoot(options: typeof SIGRA_PROMETHEUS_OPTIONS_TYPE): DynamicModule {
    return super.forRoot(options);
  }

  /** Configures the module with options from a factory, class or existing provider. */
  static override forRootAsync(options: typeof SIGRA_PROMETHEUS_ASYNC_OPTIONS_TYPE): DynamicModule {
    return super.forRootAsync(options);
  }
}
