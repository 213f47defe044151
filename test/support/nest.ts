import type { LoggerService, LogLevel } from '@nestjs/common';
import { afterEach } from 'vitest';

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

/** A Nest application or testing module: what a test opens and must close. */
interface Closable {
  close(): Promise<void>;
}

/**
 * Closes, after each test, every app the test opened through `track`, so a failing assertion
 * cannot leave an app (its handlers, its metadata policy) running into the next test. A test
 * that checks what closing does calls `close`; that app is not closed a second time.
 */
export function closeAppsAfterEach() {
  const open: Closable[] = [];
  afterEach(async () => {
    for (const app of open.splice(0)) await app.close();
  });
  return {
    track<T extends Closable>(app: T): T {
      open.push(app);
      return app;
    },
    async close(app: Closable): Promise<void> {
      const index = open.indexOf(app);
      if (index !== -1) open.splice(index, 1);
      await app.close();
    },
  };
}
