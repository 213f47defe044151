import { describeValue } from '../shared/value-description.functions.js';
import type {
  ResolvedSigraOpenTelemetryOptions,
  SigraOpenTelemetryOptions,
} from './opentelemetry-tracing.options.js';

const SIGNAL_MODES = ['span-events', 'span-events-or-spans', 'off'] as const;
const FAILURE_STATUSES = ['error', 'unset'] as const;

function fail(problem: string): never {
  throw new TypeError(`attachOpenTelemetry: ${problem}`);
}

function oneOf<T extends string>(
  option: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    fail(
      `option ${option} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}.`,
    );
  }
  return value as T;
}

/** Checks the options and applies the defaults; a mistake is a `TypeError` naming the fix. */
export function resolveOpenTelemetryOptions(
  options: SigraOpenTelemetryOptions = {},
): ResolvedSigraOpenTelemetryOptions {
  if (options === null || typeof options !== 'object') {
    fail(`options must be an object, got ${describeValue(options)}.`);
  }
  const { tracerProvider, attributes = {} } = options;
  if (tracerProvider !== undefined && typeof tracerProvider?.getTracer !== 'function') {
    fail(
      `option tracerProvider must be an OpenTelemetry TracerProvider (with getTracer), got ${describeValue(tracerProvider)}.`,
    );
  }
  if (attributes === null || typeof attributes !== 'object') {
    fail(
      `option attributes must be an object of metadata key → attribute name, got ${describeValue(attributes)}.`,
    );
  }
  for (const [key, name] of Object.entries(attributes)) {
    if (name !== false && (typeof name !== 'string' || name === '')) {
      fail(
        `attributes.${key} must be an attribute name or false (to leave the key out), got ${describeValue(name)}.`,
      );
    }
  }
  return {
    tracerProvider,
    attributes: { ...attributes },
    signals: oneOf('signals', options.signals, SIGNAL_MODES, 'span-events'),
    failureStatus: oneOf('failureStatus', options.failureStatus, FAILURE_STATUSES, 'error'),
  };
}
