/** Injection token of the validated, defaulted dashboard options. */
export const SIGRA_DASHBOARD_OPTIONS = Symbol('SIGRA_DASHBOARD_OPTIONS');

/** Nest logger context of what the dashboard logs. */
export const SIGRA_DASHBOARD_LOGGER_CONTEXT = 'SigraDashboard';

/** Default mount path of the dashboard. */
export const DEFAULT_DASHBOARD_PATH = 'sigra';
