import { validEventNames } from '../core/core.internal.js';
import { invalidOption, oneOf } from '../shared/option-errors.functions.js';
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
const LOGGER_KEYS = ['level', 'filter', 'encode', 'events', 'failures', 'exceptions'] as const;

/** `option logger.level` for `logger.` and `level`; `options` for the root object itself. */
function optionName(path: string): string {
  return path === '' ? 'options' : `option ${path}`;
}

function assertKnownKeys(where: string, prefix: string, value: object, known: readonly string[]) {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw invalidOption(
        where,
        optionName(prefix.slice(0, -1)),
        value,
        `an object with only ${known.join(', ')} (unknown option '${key}')`,
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
    throw invalidOption(
      where,
      optionName(prefix.slice(0, -1)),
      options,
      'false or an object such as { level: "log" }',
    );
  }
  assertKnownKeys(where, prefix, options, LOGGER_KEYS);
  const { level, filter, encode, events } = options as SigraDefaultLoggerOptions;
  for (const flag of ['failures', 'exceptions'] as const) {
    const value = (options as SigraDefaultLoggerOptions)[flag];
    if (value !== undefined && typeof value !== 'boolean') {
      throw invalidOption(where, optionName(`${prefix}${flag}`), value, 'true or false');
    }
  }
  if (level !== undefined && !LOG_LEVELS.includes(level)) {
    throw invalidOption(where, optionName(`${prefix}level`), level, oneOf(LOG_LEVELS));
  }
  if (encode !== undefined && !ENCODINGS.includes(encode)) {
    throw invalidOption(where, optionName(`${prefix}encode`), encode, oneOf(ENCODINGS));
  }
  if (
    filter !== undefined &&
    !(Array.isArray(filter) && filter.every((c) => typeof c === 'string' && c !== ''))
  ) {
    throw invalidOption(
      where,
      optionName(`${prefix}filter`),
      filter,
      "an array of categories such as ['auth', 'security']",
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
    throw invalidOption(
      where,
      'options',
      options,
      'an object such as { logger: { level: "log" } }',
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
    throw invalidOption(
      where,
      'option spanContextMetadata',
      given.spanContextMetadata,
      'a function (context) => metadata',
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
    throw invalidOption(where, 'options', options, `an object such as ${example}`);
  }
  const { isGlobal } = options as { isGlobal?: unknown };
  if (isGlobal !== undefined && typeof isGlobal !== 'boolean') {
    throw invalidOption(where, 'option isGlobal', isGlobal, 'true or false');
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
