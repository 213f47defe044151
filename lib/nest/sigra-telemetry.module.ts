import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { SigraDefaultLogger } from './sigra-default.logger.js';
import { SigraSpanInterceptor } from './sigra-span.interceptor.js';
import { SIGRA_TELEMETRY_OPTIONS, SIGRA_TELEMETRY_ROOT } from './sigra-telemetry.constants.js';
import {
  ConfigurableSigraTelemetryModule,
  SIGRA_TELEMETRY_ASYNC_OPTIONS_TYPE,
  SIGRA_TELEMETRY_MODULE_OPTIONS,
  SIGRA_TELEMETRY_OPTIONS_TYPE,
} from './sigra-telemetry.module-definition.js';
import {
  assertForRootOptions,
  resolveModuleOptions,
  rootServiceOf,
} from './sigra-telemetry.options-validation.js';
import { SigraTelemetryService } from './sigra-telemetry.service.js';

/** What `forRoot` and `forRootAsync` add to the options provider Nest's builder makes. */
const ROOT_PROVIDERS: Provider[] = [
  {
    provide: SIGRA_TELEMETRY_OPTIONS,
    useFactory: resolveModuleOptions,
    inject: [SIGRA_TELEMETRY_MODULE_OPTIONS],
  },
  SigraDefaultLogger,
  SigraTelemetryService,
  SigraSpanInterceptor,
  { provide: SIGRA_TELEMETRY_ROOT, useExisting: SigraTelemetryService },
];

const ROOT_EXPORTS = [
  SigraTelemetryService,
  SigraSpanInterceptor,
  SigraDefaultLogger,
  SIGRA_TELEMETRY_OPTIONS,
  SIGRA_TELEMETRY_ROOT,
];

function withRootProviders(module: DynamicModule): DynamicModule {
  return {
    ...module,
    providers: [...(module.providers ?? []), ...ROOT_PROVIDERS],
    exports: [...(module.exports ?? []), ...ROOT_EXPORTS],
  };
}

/**
 * Sigra telemetry for a Nest app. Configure it once, in the root module, with `forRoot` or
 * `forRootAsync`. With `isGlobal: true` every module can inject `SigraTelemetryService`; a feature
 * module may also import the bare `SigraTelemetryModule`, which hands it the root configuration's
 * service (and, without a global configuration, fails at boot saying what to write).
 *
 * @example
 * @Module({ imports: [SigraTelemetryModule.forRoot({ logger: { level: 'log' }, isGlobal: true })] })
 * export class AppModule {}
 *
 * @Module({ imports: [SigraTelemetryModule], providers: [AuthService] })
 * export class AuthModule {}
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
  // The bare import, in a feature module. forRoot's providers replace this one (same token).
  providers: [
    {
      provide: SigraTelemetryService,
      useFactory: rootServiceOf,
      inject: [{ token: SIGRA_TELEMETRY_ROOT, optional: true }],
    },
  ],
  exports: [SigraTelemetryService],
})
export class SigraTelemetryModule extends ConfigurableSigraTelemetryModule {
  /** Configures the module with static options (all optional). */
  static override forRoot(options: typeof SIGRA_TELEMETRY_OPTIONS_TYPE = {}): DynamicModule {
    assertForRootOptions('forRoot', options);
    return withRootProviders(super.forRoot(options));
  }

  /** Configures the module with options resolved by a factory, class or existing provider. */
  static override forRootAsync(options: typeof SIGRA_TELEMETRY_ASYNC_OPTIONS_TYPE): DynamicModule {
    assertForRootOptions('forRootAsync', options);
    return withRootProviders(super.forRootAsync(options));
  }
}
