import { ConfigurableModuleBuilder } from '@nestjs/common';
import { DEFAULT_DASHBOARD_PATH } from './sigra-dashboard.constants.js';
import { dashboardControllerAt } from './sigra-dashboard.controller.js';
import type { SigraDashboardModuleOptions } from './sigra-dashboard.options.js';

export const {
  ConfigurableModuleClass: ConfigurableSigraDashboardModule,
  MODULE_OPTIONS_TOKEN: SIGRA_DASHBOARD_MODULE_OPTIONS,
  OPTIONS_TYPE: SIGRA_DASHBOARD_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: SIGRA_DASHBOARD_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<SigraDashboardModuleOptions>({ moduleName: 'SigraDashboard' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createSigraDashboardOptions')
  // Routes are registered before option factories run, so the path is given statically.
  .setExtras({ path: DEFAULT_DASHBOARD_PATH }, (definition, extras) => ({
    ...definition,
    controllers: [dashboardControllerAt(extras.path)],
  }))
  .build();
