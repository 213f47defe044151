/** Handler id of the default logger, as in Sigra. @publicApi */
export const DEFAULT_LOGGER_HANDLER_ID = 'sigra-default-logger';

/** Nest logger context of everything this module logs (the lines themselves start with `[Sigra]`). */
export const SIGRA_LOGGER_CONTEXT = 'SigraTelemetry';

/** Reflect metadata key under which `@SigraSpan` stores its span on the decorated method. */
export const SIGRA_SPAN_METADATA = 'sigra:span';

/** Injection token of the validated, defaulted module options. */
export const SIGRA_TELEMETRY_OPTIONS = Symbol('SIGRA_TELEMETRY_OPTIONS');

/** Injection token of the root configuration's service, for feature modules' bare imports. */
export const SIGRA_TELEMETRY_ROOT = Symbol('SIGRA_TELEMETRY_ROOT');
