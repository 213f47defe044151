import { Injectable, Logger, type LogLevel } from '@nestjs/common';
import {
  cataloguedEvents,
  loggedEvents,
  securityEvents,
  uncataloguedEvents,
} from '../catalog/index.js';
import { spanEndEvents } from '../catalog/event-lists.functions.js';
import { canonicalEventName } from '../core/core.internal.js';
import type { EventName, Handler, Measurements, Metadata } from '../core/index.js';
import { SIGRA_LOGGER_CONTEXT } from './sigra-telemetry.constants.js';
import {
  eventLabel,
  formatJson,
  formatText,
  type SigraLogRecord,
} from './sigra-log-format.functions.js';
import type { SigraDefaultLoggerOptions } from './sigra-telemetry.options.js';
import { validateLoggerOptions } from './sigra-telemetry.options-validation.js';

/**
 * The log message of one event. Metadata that cannot be read (a hostile proxy, with the metadata
 * policy off) still gives a line: a throw here would detach the default logger for good.
 */
function format(
  encode: 'text' | 'json',
  eventName: EventName,
  measurements: Measurements,
  metadata: Metadata,
): string | SigraLogRecord {
  try {
    return encode === 'json'
      ? formatJson(eventName, measurements, metadata)
      : formatText(eventName, measurements, metadata);
  } catch (error) {
    const why = error instanceof Error ? error.name : typeof error;
    return `[Sigra] ${eventLabel(eventName)} (event could not be formatted: ${why})`;
  }
}

/** The handler config of the default logger: resolved once at attach time. */
export interface DefaultLoggerConfig {
  readonly level: LogLevel;
  readonly encode: 'text' | 'json';
  /** Canonical names of the events always logged at `warn`, compared by identity. */
  readonly warnEvents: ReadonlySet<EventName>;
  /** Canonical names logged whatever their outcome, at `level` (or `warn`, see above). */
  readonly logged: ReadonlySet<EventName>;
  /** Log a `…stop` event with `result: 'failure'` at `warn`. */
  readonly failures: boolean;
  /** Log every `…exception` event at `error`. */
  readonly exceptions: boolean;
}

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(
  [...cataloguedEvents(), ...uncataloguedEvents()].map((name) => name[1]!),
);

/** After the app's logger throws, lines go to stderr for this long before it is tried again. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 60_000;

/** The level of an event, or `undefined` when it is not logged (a stop that did not fail). */
function levelOf(eventName: EventName, metadata: Metadata, config: DefaultLoggerConfig) {
  const phase = eventName[eventName.length - 1];
  if (config.exceptions && phase === 'exception') return 'error';
  if (config.failures && phase === 'stop' && metadata.result === 'failure') return 'warn';
  if (config.warnEvents.has(eventName)) return 'warn';
  return config.logged.has(eventName) ? config.level : undefined;
}

/**
 * Sigra's default logger as a Nest provider: logs Sigra's 64 logged events through Nest's
 * `Logger`, so it follows whatever logger the app uses (`ConsoleLogger`, JSON mode, pino…).
 * The seven security events are always logged at `warn`; beyond upstream, failed operations
 * too: a span `stop` with `result: 'failure'` at `warn`, every span `exception` at `error`.
 *
 * If the app's logger throws, the line goes to stderr instead, once saying so, and the app's
 * logger is tried again after a backoff (1 s, doubling up to a minute): a broken logger never
 * silences security warnings nor detaches the default logger.
 * @publicApi
 */
@Injectable()
export class SigraDefaultLogger {
  /** While the app's logger is failing: when to try it again, and the wait after that. */
  private retryAt = 0;
  private retryDelay = 0;

  /**
   * Validates `options` and returns the event names to attach and the handler config.
   * `filter` selects categories at attach time (events outside it are never even dispatched).
   */
  plan(options: SigraDefaultLoggerOptions = {}): {
    events: EventName[];
    config: DefaultLoggerConfig;
  } {
    const where = 'attachDefaultLogger';
    validateLoggerOptions(where, '', options);
    const filter = options.filter;
    const unknown = filter?.find((category) => !KNOWN_CATEGORIES.has(category));
    if (unknown !== undefined) {
      throw new TypeError(
        `${where}: option filter lists unknown category ${JSON.stringify(unknown)}; known categories: ${[...KNOWN_CATEGORIES].join(', ')}.`,
      );
    }
    const failures = options.failures ?? true;
    const exceptions = options.exceptions ?? true;
    const base = options.events ?? loggedEvents();
    const watched = [
      ...base,
      ...(failures ? spanEndEvents('stop') : []),
      ...(exceptions ? spanEndEvents('exception') : []),
    ];
    const byName = new Map(watched.map((name) => [canonicalEventName(name), name]));
    const events = [...byName.values()].filter(
      (name) => filter === undefined || filter.includes(name[1] as never),
    );
    return {
      events,
      config: {
        level: options.level ?? 'log',
        encode: options.encode ?? 'text',
        warnEvents: new Set(securityEvents().map(canonicalEventName)),
        logged: new Set(base.map(canonicalEventName)),
        failures,
        exceptions,
      },
    };
  }

  /** The handler attached under `sigra-default-logger`. */
  readonly handle: Handler<Measurements, Metadata, DefaultLoggerConfig> = (
    eventName,
    measurements,
    metadata,
    config,
  ) => {
    const level = levelOf(eventName, metadata, config);
    // Formatting is the expensive part: skip it when the app's logger drops the level anyway.
    if (level === undefined || !Logger.isLevelEnabled(level)) return;
    const message = format(config.encode, eventName, measurements, metadata);
    if (this.retryDelay !== 0 && Date.now() < this.retryAt) {
      writeToStderr(message);
      return;
    }
    try {
      // The static Logger methods reach the app's logger with less work per call than an instance.
      Logger[level](message, SIGRA_LOGGER_CONTEXT);
    } catch (error) {
      this.loggerFailed(error);
      writeToStderr(message);
      return;
    }
    if (this.retryDelay !== 0) {
      this.retryDelay = 0;
      writeToStderr("[Sigra] the app's logger works again; Sigra's lines go back to it.");
    }
  };

  private loggerFailed(error: unknown): void {
    const first = this.retryDelay === 0;
    this.retryDelay = first ? FIRST_RETRY_MS : Math.min(this.retryDelay * 2, MAX_RETRY_MS);
    this.retryAt = Date.now() + this.retryDelay;
    if (!first) return;
    // The error's name only: its message may carry what the metadata policy would have caught.
    const why = error instanceof Error ? error.name : typeof error;
    writeToStderr(
      `[Sigra] the app's logger threw (${why}); Sigra's lines go to stderr, and the app's logger is tried again after ${FIRST_RETRY_MS / 1000} s, then less and less often.`,
    );
  }
}

/** The fallback sink: one line on stderr, JSON records as JSON. */
function writeToStderr(message: string | SigraLogRecord): void {
  try {
    process.stderr.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  } catch {
    // Nowhere left to write: the event is dropped rather than failing the code that emitted it.
  }
}
