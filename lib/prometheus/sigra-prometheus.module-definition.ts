import { ConfigurableModuleBuilder } from '@nestjs/common';
import { createMetricsController } from './sigra-prometheus.controller.js';
import { DEFAULT_METRICS_PATH } from './sigra-prometheus.constants.js';
import type {
  SigraPrometheusModuleExtras,
  SigraPrometheusModuleOptions,
} from './sigra-prometheus.options.js';

export const {
  ConfigurableModuleClass: ConfigurableSigraPrometheusModule,
  MODULE_OPTIONS_TOKEN: SIGRA_PROMETHEUS_MODULE_OPTIONS,
  OPTIONS_TYPE: SIGRA_PROMETHEUS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: SIGRA_PROMETHEUS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<SigraPrometheusModuleOptions>({ moduleName: 'SigraPrometheus' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createSigraPrometheusOptions')
  .setExtras<SigraPrometheusModuleExtras>({ path: DEFAULT_METRICS_PATH }, (definition, extras) => ({
    ...definition,
    controllers: [createMetricsController(extras.path ?? DEFAULT_METRICS_PATH, extras.guard)],
  }))
  .build();
