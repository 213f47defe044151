import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { SigraTelemetryModuleOptions } from './sigra-telemetry.options.js';

export const {
  ConfigurableModuleClass: ConfigurableSigraTelemetryModule,
  MODULE_OPTIONS_TOKEN: SIGRA_TELEMETRY_MODULE_OPTIONS,
  OPTIONS_TYPE: SIGRA_TELEMETRY_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: SIGRA_TELEMETRY_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<SigraTelemetryModuleOptions>({ moduleName: 'SigraTelemetry' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createSigraTelemetryOptions')
  .setExtras({ isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
