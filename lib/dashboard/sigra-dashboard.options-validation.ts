import type { CanActivate, Type } from '@nestjs/common';
import { securityEvents } from '../catalog/index.js';
import type { EventName } from '../core/index.js';
import { describeValue } from '../shared/value-description.functions.js';
import { sigraMetrics, type MetricDefinition } from '../metrics/index.js';
import { assertMetricDefinitions } from '../metrics/metric-definition.validation.js';
import type { DashboardHistory } from './dashboard.aggregator.js';
import type { DashboardStreamSettings } from './dashboard.streams.js';
import type {
  SigraDashboardAuthCheck,
  SigraDashboardHistoryOptions,
  SigraDashboardModuleOptions,
  SigraDashboardStreamOptions,
} from './sigra-dashboard.options.js';

/** The shortest token accepted: shorter ones can be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** `auth`, told apart once. */
export type ResolvedDashboardAuth =
  | { readonly kind: 'guard'; readonly guard: Type<CanActivate> }
  | { readonly kind: 'check'; readonly check: SigraDashboardAuthCheck }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'none' };

/** The options with every default applied. */
export interface ResolvedDashboardOptions {
  readonly auth: ResolvedDashboardAuth;
  readonly metrics: readonly MetricDefinition[];
  readonly history: DashboardHistory;
  readonly feed: readonly EventName[];
  readonly feedSize: number;
  readonly maxLabelSets: number;
  readonly stream: DashboardStreamSettings;
}

const PREFIX = 'SigraDashboardModule';

const AUTH_CHOICES =
  "auth: { token: process.env.SIGRA_DASHBOARD_TOKEN } (a bearer token, or ?token= in the URL), auth: AdminGuard (a guard class), auth: (request) => boolean | Promise<boolean>, or auth: 'none' to let anyone who reaches the port see it";

function resolveAuth(auth: unknown): ResolvedDashboardAuth {
  if (auth === 'none') return { kind: 'none' };
  if (typeof auth === 'function') {
    const prototype = (auth as { prototype?: { canActivate?: unknown } }).prototype;
    return typeof prototype?.canActivate === 'function'
      ? { kind: 'guard', guard: auth as Type<CanActivate> }
      : { kind: 'check', check: auth as SigraDashboardAuthCheck };
  }
  if (typeof auth === 'object' && auth !== null && 'token' in auth) {
    const { token } = auth;
    if (typeof token !== 'string' || token.length < MIN_TOKEN_LENGTH) {
      throw new TypeError(
        `${PREFIX}: auth.token must be a string of at least ${MIN_TOKEN_LENGTH} characters, got ${typeof token === 'string' ? `${token.length} characters` : describeValue(token)}; generate one with crypto.randomBytes(24).toString('hex').`,
      );
    }
    return { kind: 'token', token };
  }
  const got = auth === undefined ? 'no auth option' : `auth ${describeValue(auth)}`;
  throw new TypeError(
    `${PREFIX}: the dashboard shows security signals, so it needs an auth option, got ${got}. Choose one: ${AUTH_CHOICES}.`,
  );
}

function integer(name: string, value: unknown, fallback: number, min: number, max: number) {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    throw new TypeError(
      `${PREFIX}: ${name} must be an integer from ${min} to ${max}, got ${describeValue(value)}; the default is ${fallback}.`,
    );
  }
  return value as number;
}

/** An options object with only the `known` keys, so a typo never passes silently. */
function object<T extends object>(
  name: string,
  value: unknown,
  known: readonly (keyof T & string)[],
): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${PREFIX}: ${name} must be an object, got ${describeValue(value)}.`);
  }
  const unknown = Object.keys(value).filter((key) => !(known as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new TypeError(
      `${PREFIX}: ${name} has no option ${unknown.join(', ')}; the options are ${known.join(', ')}.`,
    );
  }
  return value as Partial<T>;
}

function eventNames(value: unknown): readonly EventName[] {
  if (value === undefined) return securityEvents();
  const valid =
    Array.isArray(value) &&
    value.every(
      (name) =>
        Array.isArray(name) &&
        name.length > 0 &&
        name.every((segment) => typeof segment === 'string' && segment !== ''),
    );
  if (!valid) {
    throw new TypeError(
      `${PREFIX}: feed must be an array of event names such as [['sigra', 'security', 'lockout']], got ${describeValue(value)}.`,
    );
  }
  return value as EventName[];
}

function metricList(value: unknown): readonly MetricDefinition[] {
  if (value === undefined) return sigraMetrics();
  assertMetricDefinitions(PREFIX, value);
  return value;
}

/**
 * Validates the module options and applies the defaults. Throws a `TypeError` naming the option
 * and the fix; the app does not start then.
 */
export function resolveDashboardOptions(
  options: SigraDashboardModuleOptions,
): ResolvedDashboardOptions {
  const given = object<SigraDashboardModuleOptions>('options', options, [
    'auth',
    'metrics',
    'history',
    'feed',
    'feedSize',
    'maxLabelSets',
    'stream',
  ]);
  const history = object<SigraDashboardHistoryOptions>('history', given.history, [
    'points',
    'resolutionMs',
  ]);
  const stream = object<SigraDashboardStreamOptions>('stream', given.stream, [
    'maxClients',
    'intervalMs',
    'maxBufferedBytes',
  ]);
  return {
    auth: resolveAuth(given.auth),
    metrics: metricList(given.metrics),
    history: {
      points: integer('history.points', history.points, 600, 10, 100_000),
      resolutionMs: integer('history.resolutionMs', history.resolutionMs, 1000, 100, 3_600_000),
    },
    feed: eventNames(given.feed),
    feedSize: integer('feedSize', given.feedSize, 50, 1, 10_000),
    maxLabelSets: integer('maxLabelSets', given.maxLabelSets, 20, 1, 10_000),
    stream: {
      maxClients: integer('stream.maxClients', stream.maxClients, 10, 1, 10_000),
      intervalMs: integer('stream.intervalMs', stream.intervalMs, 500, 200, 60_000),
      maxBufferedBytes: integer(
        'stream.maxBufferedBytes',
        stream.maxBufferedBytes,
        1024 * 1024,
        1024,
        1024 * 1024 * 1024,
      ),
    },
  };
}
