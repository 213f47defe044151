import type { LoggerService, LogLevel } from '@nestjs/common';

/** A LoggerService that records every call, as a user's own logger (pino, winston…) would receive it. */
export class RecordingLogger implements LoggerService {
  readonly entries: { level: LogLevel; message: unknown; params: unknown[] }[] = [];

  private push(level: LogLevel, message: unknown, params: unknown[]) {
    this.entries.push({ level, message, params });
  }
  log(message: unknown, ...params: unknown[]) {
    this.push('log', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.push('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.push('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.push('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.push('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.push('fatal', message, params);
  }

  /** Entries logged under the Sigra context. */
  sigra() {
    return this.entries.filter((entry) => entry.params.at(-1) === 'SigraTelemetry');
  }
}
