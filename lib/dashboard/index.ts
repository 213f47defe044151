export { SigraDashboardModule } from './sigra-dashboard.module.js';
export type {
  SigraDashboardAuth,
  SigraDashboardAuthCheck,
  SigraDashboardHistoryOptions,
  SigraDashboardModuleOptions,
  SigraDashboardStreamOptions,
} from './sigra-dashboard.options.js';
export type {
  DashboardChartInfo,
  DashboardFeedEntry,
  DashboardPoint,
  DashboardSeriesInfo,
  DashboardSeriesPoints,
  DashboardSnapshot,
  DashboardUpdate,
} from './dashboard-wire.types.js';
