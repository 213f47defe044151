import { validEventNames } from '../core/telemetry.handlers.js';
import { describeValue } from '../core/telemetry.validation.js';
import { createMetadataPolicy } from '../policy/index.js';
import type { SigraTelemetryService } from './sigra-telemetry.service.js';
import type {
  ResolvedSigraTelemetryOptions,
  SigraDefaultLoggerOptions,
  SigraTelemetryModuleOptions,
} from './sigra-telemetry.options.js';

const LOG_LEVELS = ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] as const;
const ENCODINGS = ['text', 'json'] as const;
const MODULE_KEYS = ['logger', 'metadataPolicy', 'spanContextMetadata'] as const;
const LOGGER_KEYS = ['level', 'filter', 'encode', 'events'] as const;

function invalid(where: string, option: string, value: unknown, allowed: string): TypeError {
  return new TypeError(`${where}: option ${option} is ${describeValue(value)}; ${allowed}.`);
}

function oneOf(values: readonly string[]): string {
  return `allowed: ${values.map((v) => `'${v}'`).join(', ')}`;
}

function assertKnownKeys(where: string, prefix: string, value: object, known: readonly string[]) {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw invalid(
        where,
        `${prefix}${key}`,
        (value as Record<string, unknown>)[key],
        `known options: ${known.join(', ')}`,
      );
    }
  }
}

/**
 * Validates default logger options, naming the option, the bad value and what is allowed.
 * Unknown keys are refused: a misspelt option must not be silently ignored.
 */
export function validateLoggerOptions(
  where: string,
  prefix: string,
  options: unknown,
): SigraDefaultLoggerOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalid(
      where,
      prefix.slice(0, -1) || 'options',
      options,
      'expected false or an object such as { level: "log" }',
    );
  }
  assertKnownKeys(where, prefix, options, LOGGER_KEYS);
  const { level, filter, encode, events } = options as SigraDefaultLoggerOptions;
  if (level !== undefined && !LOG_LEVELS.includes(level)) {
    throw invalid(where, `${prefix}level`, level, oneOf(LOG_LEVELS));
  }
  if (encode !== undefined && !ENCODINGS.includes(encode)) {
    throw invalid(where, `${prefix}encode`, encode, oneOf(ENCODINGS));
  }
  if (
    filter !== undefined &&
    !(Array.isArray(filter) && filter.every((c) => typeof c === 'string' && c !== ''))
  ) {
    throw invalid(
      where,
      `${prefix}filter`,
      filter,
      "expected an array of categories such as ['auth', 'security']",
    );
  }
  if (events !== undefined) validEventNames(where, `option ${prefix}events`, events);
  return options as SigraDefaultLoggerOptions;
}

/** Validates module options and fills in the defaults; throws at boot on anything invalid. */
export function resolveModuleOptions(options: unknown): ResolvedSigraTelemetryOptions {
  const where = 'SigraTelemetryModule';
  const given = (options ?? {}) as SigraTelemetryModuleOptions;
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw invalid(
      where,
      'options',
      options,
      'expected an object such as { logger: { level: "log" } }',
    );
  }
  assertKnownKeys(where, '', given, [...MODULE_KEYS, 'isGlobal']);
  const logger =
    given.logger === false
      ? false
      : validateLoggerOptions(where, 'logger.', given.logger === undefined ? {} : given.logger);
  const metadataPolicy = given.metadataPolicy ?? {};
  try {
    createMetadataPolicy(metadataPolicy);
  } catch (error) {
    throw new TypeError(`${where}: option metadataPolicy is invalid: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (given.spanContextMetadata !== undefined && typeof given.spanContextMetadata !== 'function') {
    throw invalid(
      where,
      'spanContextMetadata',
      given.spanContextMetadata,
      'expected a function (context) => metadata',
    );
  }
  return { logger, metadataPolicy, spanContextMetadata: given.spanContextMetadata };
}

/**
 * Checks what `forRoot` or `forRootAsync` receives before Nest's builder reads it: an object (or
 * nothing), with `isGlobal` a boolean if given. The other options are checked at boot.
 */
export function assertForRootOptions(method: string, options: unknown): void {
  const where = `SigraTelemetryModule.${method}`;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    const example =
      method === 'forRoot'
        ? '{ logger: { level: "log" } }, or nothing'
        : '{ useFactory: () => ({ logger: { level: "log" } }) }';
    throw new TypeError(
      `${where}: options must be an object such as ${example}; got ${describeValue(options)}.`,
    );
  }
  const { isGlobal } = options as { isGlobal?: unknown };
  if (isGlobal !== undefined && typeof isGlobal !== 'boolean') {
    throw invalid(where, 'isGlobal', isGlobal, 'expected true or false');
  }
}

/**
 * The service a feature module's bare `imports: [SigraTelemetryModule]` receives: the root
 * configuration's, visible when the root module configured it with `isGlobal: true`.
 */
export function rootServiceOf(root: SigraTelemetryService | undefined): SigraTelemetryService {
  if (root !== undefined) return root;
  throw new TypeError(
    'SigraTelemetryModule is imported without configuration, and no global configuration exists. ' +
      'Configure it once in the root module with SigraTelemetryModule.forRoot({ isGlobal: true }) ' +
      '(or forRootAsync({ isGlobal: true, ... })); feature modules then inject SigraTelemetryService ' +
      'with or without imports: [SigraTelemetryModule].',
  );
}
