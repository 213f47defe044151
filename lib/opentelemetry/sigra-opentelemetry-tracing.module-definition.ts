import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { SigraOpenTelemetryOptions } from './opentelemetry-tracing.options.js';

export const {
  ConfigurableModuleClass: ConfigurableSigraOpenTelemetryModule,
  MODULE_OPTIONS_TOKEN: SIGRA_OPENTELEMETRY_TRACING_OPTIONS,
  OPTIONS_TYPE: SIGRA_OPENTELEMETRY_TRACING_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: SIGRA_OPENTELEMETRY_TRACING_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<SigraOpenTelemetryOptions>({
  moduleName: 'SigraOpenTelemetry',
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createSigraOpenTelemetryOptions')
  .build();
