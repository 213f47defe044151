import type { ExecutionContext, LogLevel } from '@nestjs/common';
import type { SigraCategory } from '../catalog/index.js';
import type { EventName, Metadata } from '../core/index.js';
import type { MetadataPolicyOptions } from '../policy/index.js';

/**
 * Options of the default logger (Sigra's `attach_default_logger`).
 * @publicApi
 */
export interface SigraDefaultLoggerOptions {
  /** Nest log level of every logged event except the security events (always `warn`). Default `'log'`. */
  level?: LogLevel;
  /** Log only these categories (the second segment of an event name, e.g. `['auth', 'security']`). */
  filter?: readonly SigraCategory[];
  /**
   * `'text'` (default): `[Sigra] auth.login.stop 1.763 ms {user_id: 1}` lines. `'json'`: one
   * structured object per event (`SigraLogRecord`).
   */
  encode?: 'text' | 'json';
  /** Log exactly these events instead of Sigra's 64 logged events (`filter` still applies). */
  events?: readonly EventName[];
  /**
   * Log a failed operation, a span `stop` with `result: 'failure'`, at `warn`, for every span of
   * the catalog (beyond upstream's 64 events). Default `true`.
   */
  failures?: boolean;
  /** Log every span `exception` at `error`, for every span of the catalog. Default `true`. */
  exceptions?: boolean;
}

/**
 * Options of `SigraTelemetryModule.forRoot()`.
 * @publicApi
 */
export interface SigraTelemetryModuleOptions {
  /** The default logger: on (at `log` level) unless `false`. */
  logger?: false | SigraDefaultLoggerOptions;
  /** The metadata policy for the process: `{ mode: 'redact' }` unless set. */
  metadataPolicy?: MetadataPolicyOptions;
  /**
   * Start metadata that `SigraSpanInterceptor` derives from the execution context, for every
   * intercepted span (e.g. `(context) => ({ user_id: context.switchToHttp().getRequest().user?.id })`).
   */
  spanContextMetadata?: (context: ExecutionContext) => Metadata;
}

/** The options after validation and defaults. */
export interface ResolvedSigraTelemetryOptions {
  readonly logger: false | SigraDefaultLoggerOptions;
  readonly metadataPolicy: MetadataPolicyOptions;
  readonly spanContextMetadata: ((context: ExecutionContext) => Metadata) | undefined;
}
