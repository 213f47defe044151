export { SigraTelemetryModule } from './sigra-telemetry.module.js';
export { SigraTelemetryService } from './sigra-telemetry.service.js';
export { SigraSpan } from './sigra-span.decorator.js';
export type { SigraSpanOptions } from './sigra-span.metadata.js';
export { SigraSpanInterceptor } from './sigra-span.interceptor.js';
export { SigraDefaultLogger } from './sigra-default.logger.js';
export type { SigraLogRecord } from './sigra-log-format.functions.js';
export { DEFAULT_LOGGER_HANDLER_ID } from './sigra-telemetry.constants.js';
export type {
  SigraDefaultLoggerOptions,
  SigraTelemetryModuleOptions,
} from './sigra-telemetry.options.js';
