import {
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { attachOpenTelemetry } from './opentelemetry-tracing.function.js';
import type { SigraOpenTelemetryOptions } from './opentelemetry-tracing.options.js';
import { resolveOpenTelemetryOptions } from './opentelemetry-tracing.options-validation.js';
import {
  ConfigurableSigraOpenTelemetryModule,
  SIGRA_OPENTELEMETRY_TRACING_ASYNC_OPTIONS_TYPE,
  SIGRA_OPENTELEMETRY_TRACING_OPTIONS,
  SIGRA_OPENTELEMETRY_TRACING_OPTIONS_TYPE,
} from './sigra-opentelemetry-tracing.module-definition.js';

/**
 * Sigra spans as OpenTelemetry spans (see `attachOpenTelemetry`) for the life of a Nest app:
 * attached on init, detached on shutdown. Register the OpenTelemetry SDK before the app starts
 * (an `--import` preload); without one, this does nothing.
 *
 * @example
 * @Module({
 *   imports: [SigraTelemetryModule.forRoot(), SigraOpenTelemetryModule.forRoot({ failureStatus: 'unset' })],
 * })
 * export class AppModule {}
 * @publicApi
 */
@Module({})
export class SigraOpenTelemetryModule
  extends ConfigurableSigraOpenTelemetryModule
  implements OnModuleInit, OnApplicationShutdown
{
  private stop: (() => void) | undefined;

  constructor(
    @Inject(SIGRA_OPENTELEMETRY_TRACING_OPTIONS)
    private readonly options: SigraOpenTelemetryOptions,
  ) {
    super();
    // Bad options fail at boot, naming the problem, rather than on the first span.
    resolveOpenTelemetryOptions(options);
  }

  /** Configures the module with static options (all optional). */
  static override forRoot(
    options: typeof SIGRA_OPENTELEMETRY_TRACING_OPTIONS_TYPE = {},
  ): DynamicModule {
    return super.forRoot(options);
  }

  /** Configures the module with options resolved by a factory, class or existing provider. */
  static override forRootAsync(
    options: typeof SIGRA_OPENTELEMETRY_TRACING_ASYNC_OPTIONS_TYPE,
  ): DynamicModule {
    return super.forRootAsync(options);
  }

  onModuleInit(): void {
    this.stop ??= attachOpenTelemetry(this.options);
  }

  onApplicationShutdown(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
