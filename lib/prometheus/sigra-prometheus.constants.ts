/** The default route of the exposition endpoint. */
export const DEFAULT_METRICS_PATH = '/metrics';
