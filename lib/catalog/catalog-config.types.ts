/**
 * Type-level settings of the catalog, set by declaration merging. Empty by default: the typed
 * API then accepts what upstream's `:telemetry` accepts, an open map in which documented keys
 * keep their types.
 *
 * Set `closed: true` to close the catalog: each catalogued event then takes its documented keys
 * (required ones required) and `SigraCommonMetadata`, and nothing else.
 *
 * @example
 * declare module '@sigra/nestjs-telemetry' {
 *   interface SigraCatalogConfig {
 *     closed: true;
 *   }
 * }
 * @publicApi
 */
export interface SigraCatalogConfig {}

/**
 * `true` when the application closed the catalog through `SigraCatalogConfig`, the default of
 * the `Closed` parameter of the typed API's metadata types.
 * @publicApi
 */
export type SigraCatalogClosed = SigraCatalogConfig extends { closed: true } ? true : false;
