import { Module, type DynamicModule } from '@nestjs/common';
import { SigraDefaultLogger } from './sigra-default-logger.js';
import { SigraSpanInterceptor } from './sigra-span.interceptor.js';
import { SIGRA_TELEMETRY_OPTIONS } from './sigra-telemetry.constants.js';
import {
  ConfigurableSigraTelemetryModule,
  SIGRA_TELEMETRY_ASYNC_OPTIONS_TYPE,
  SIGRA_TELEMETRY_MODULE_OPTIONS,
  SIGRA_TELEMETRY_OPTIONS_TYPE,
} from './sigra-telemetry.module-definition.js';
import { resolveModuleOptions } from './sigra-telemetry.options-validation.js';
import { SigraTelemetryService } from './sigra-telemetry.service.js';

/**
 * Sigra telemetry for a Nest app. Import it once, in the root module.
 *
 * @example
 * @Module({ imports: [SigraTelemetryModule.forRoot({ logger: { level: 'log' }, isGlobal: true })] })
 * export class AppModule {}
 *
 * @example
 * SigraTelemetryModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ logger: { encode: config.get('LOG_FORMAT') } }),
 * });
 * @publicApi
 */
@Module({
  providers: [
    {
      provide: SIGRA_TELEMETRY_OPTIONS,
      useFactory: resolveModuleOptions,
      inject: [SIGRA_TELEMETRY_MODULE_OPTIONS],
    },
    SigraDefaultLogger,
    SigraTelemetryService,
    SigraSpanInterceptor,
  ],
  exports: [
    SigraTelemetryService,
    SigraSpanInterceptor,
    SigraDefaultLogger,
    SIGRA_TELEMETRY_OPTIONS,
  ],
})
export class SigraTelemetryModule extends ConfigurableSigraTelemetryModule {
  /** Configures the module with static options (all optional). */
  static override forRoot(options: typeof SIGRA_TELEMETRY_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }

  /** Configures the module with options resolved by a factory, class or existing provider. */
  static override forRootAsync(options: typeof SIGRA_TELEMETRY_ASYNC_OPTIONS_TYPE): DynamicModule {
    return super.forRootAsync(options);
  }
}
