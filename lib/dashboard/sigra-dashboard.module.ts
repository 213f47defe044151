import { Module, type DynamicModule } from '@nestjs/common';
import { SIGRA_DASHBOARD_OPTIONS } from './sigra-dashboard.constants.js';
import { SigraDashboardAuthGuard } from './sigra-dashboard.guard.js';
import {
  ConfigurableSigraDashboardModule,
  SIGRA_DASHBOARD_ASYNC_OPTIONS_TYPE,
  SIGRA_DASHBOARD_MODULE_OPTIONS,
  SIGRA_DASHBOARD_OPTIONS_TYPE,
} from './sigra-dashboard.module-definition.js';
import { resolveDashboardOptions } from './sigra-dashboard.options-validation.js';
import { SigraDashboardService } from './sigra-dashboard.service.js';

/**
 * A live auth dashboard: one chart per metric (counters as rates, distributions as
 * p50/p95/p99 and a histogram, last values), grouped by category, the latest security signals,
 * a history of the last minutes, all fed by server-sent events. Served at `/<path>` (default
 * `/sigra`), with `/<path>/history` (JSON) and `/<path>/stream` (SSE). `auth` is required.
 *
 * @example
 * @Module({
 *   imports: [
 *     SigraTelemetryModule.forRoot(),
 *     SigraDashboardModule.forRoot({ auth: { token: process.env.SIGRA_DASHBOARD_TOKEN! } }),
 *   ],
 * })
 * export class AppModule {}
 * // open http://localhost:3000/sigra?token=<the token>
 *
 * @example
 * SigraDashboardModule.forRootAsync({
 *   path: 'admin/sigra',
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ auth: { token: config.getOrThrow('DASHBOARD_TOKEN') } }),
 * });
 * @publicApi
 */
@Module({
  providers: [
    {
      provide: SIGRA_DASHBOARD_OPTIONS,
      useFactory: resolveDashboardOptions,
      inject: [SIGRA_DASHBOARD_MODULE_OPTIONS],
    },
    SigraDashboardService,
    SigraDashboardAuthGuard,
  ],
})
export class SigraDashboardModule extends ConfigurableSigraDashboardModule {
  /** Mounts the dashboard with static options; `auth` is required. */
  static override forRoot(options: typeof SIGRA_DASHBOARD_OPTIONS_TYPE): DynamicModule {
    return super.forRoot(options);
  }

  /** Mounts the dashboard with options from a factory, class or existing provider. */
  static override forRootAsync(options: typeof SIGRA_DASHBOARD_ASYNC_OPTIONS_TYPE): DynamicModule {
    return super.forRootAsync(options);
  }
}
