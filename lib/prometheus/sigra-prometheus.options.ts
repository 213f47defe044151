import type { CanActivate, Type } from '@nestjs/common';
import type { Registry } from 'prom-client';
import type { MetricDefinition } from '../metrics/index.js';

/**
 * Options of `SigraPrometheusModule.forRoot()` / the factory of `forRootAsync()`.
 *
 * @example
 * { metrics: sigraMetrics(), bearerToken: process.env.METRICS_TOKEN }
 * @publicApi
 */
export interface SigraPrometheusModuleOptions {
  /** Definitions to report, usually `sigraMetrics()`. */
  metrics: readonly MetricDefinition[];
  /**
   * The app's prom-client registry (shared with `@willsoto/nestjs-prometheus` or the app's own
   * metrics); prom-client's global `register` by default.
   */
  registry?: Registry;
  /** Also collect prom-client's default process metrics into the registry. Default `false`. */
  defaultMetrics?: boolean;
  /**
   * When set, scrapes must send `Authorization: Bearer <token>`; others get 401. Configure
   * Prometheus with `authorization: { credentials: <token> }`.
   */
  bearerToken?: string;
  /** See `attachMetrics`; default 100 label sets per metric. */
  maxLabelSets?: number;
}

/**
 * Options fixed when the module is defined (routes and guards cannot come from a factory),
 * accepted by both `forRoot` and `forRootAsync`.
 * @publicApi
 */
export interface SigraPrometheusModuleExtras {
  /** Route of the exposition endpoint. Default `'/metrics'`. */
  path?: string;
  /** A guard protecting the endpoint (runs after the bearer token check, when one is set). */
  guard?: Type<CanActivate> | CanActivate;
}
