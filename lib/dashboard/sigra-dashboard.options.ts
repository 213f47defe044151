import type { CanActivate, Type } from '@nestjs/common';
import type { EventName } from '../core/index.js';
import type { MetricDefinition } from '../metrics/index.js';

/**
 * A check of the incoming request (Express or Fastify request object): `true` lets it see the
 * dashboard, `false` answers 401.
 * @publicApi
 */
export type SigraDashboardAuthCheck = (request: unknown) => boolean | Promise<boolean>;

/**
 * Who may open the dashboard. The page and its stream show security signals, so there is no
 * default:
 * - a guard class (`implements CanActivate`), resolved from the app's providers or created with
 *   its dependencies injected;
 * - a function of the request;
 * - `{ token }`: the request carries `Authorization: Bearer <token>` or `?token=<token>`
 *   (the page passes its own `?token=` on to its stream);
 * - `'none'`: anyone who reaches the port (a warning is logged at start).
 * @publicApi
 */
export type SigraDashboardAuth =
  Type<CanActivate> | SigraDashboardAuthCheck | { readonly token: string } | 'none';

/**
 * How much history the dashboard keeps: `points` time slots of `resolutionMs` each, per series
 * (default 600 × 1000 ms: the last ten minutes).
 * @publicApi
 */
export interface SigraDashboardHistoryOptions {
  points?: number;
  resolutionMs?: number;
}

/**
 * Limits of the live stream.
 * @publicApi
 */
export interface SigraDashboardStreamOptions {
  /** Streams open at once (default 10); one more is answered 503. */
  maxClients?: number;
  /** Least time between two updates, in ms (default 500, at least 200). */
  intervalMs?: number;
  /** Unread bytes after which a stream client is dropped (default 1 MiB). */
  maxBufferedBytes?: number;
}

/**
 * Options of `SigraDashboardModule.forRoot` / `forRootAsync` (where `path` is given next to the
 * factory, since routes are fixed before factories run).
 *
 * @example
 * SigraDashboardModule.forRoot({ auth: { token: process.env.SIGRA_DASHBOARD_TOKEN! } });
 * @publicApi
 */
export interface SigraDashboardModuleOptions {
  /** Required: who may open the page, its stream and its history. See {@link SigraDashboardAuth}. */
  auth: SigraDashboardAuth;
  /** Metrics charted, default `sigraMetrics()`. */
  metrics?: readonly MetricDefinition[];
  /** Points kept per series and their resolution. */
  history?: SigraDashboardHistoryOptions;
  /** Events shown in the security feed, default `securityEvents()`. */
  feed?: readonly EventName[];
  /** Entries the feed keeps (default 50). */
  feedSize?: number;
  /** Label sets charted per metric definition (default 20); more fold into `other`. */
  maxLabelSets?: number;
  stream?: SigraDashboardStreamOptions;
}
