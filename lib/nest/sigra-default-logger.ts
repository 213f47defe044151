import { Injectable, Logger, type LogLevel } from '@nestjs/common';
import {
  cataloguedEvents,
  loggedEvents,
  securityEvents,
  uncataloguedEvents,
} from '../catalog/index.js';
import { canonicalEventName } from '../core/telemetry.event-tree.js';
import type { EventName, Handler, Measurements, Metadata } from '../core/index.js';
import { SIGRA_LOGGER_CONTEXT } from './sigra-telemetry.constants.js';
import { eventLabel, formatJson, formatText, type SigraLogRecord } from './sigra-log-format.js';
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
}

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(
  [...cataloguedEvents(), ...uncataloguedEvents()].map((name) => name[1]!),
);

/**
 * Sigra's default logger as a Nest provider: logs Sigra's 64 logged events through Nest's
 * `Logger`, so it follows whatever logger the app uses (`ConsoleLogger`, JSON mode, pino…).
 * The seven security events are always logged at `warn`.
 * @publicApi
 */
@Injectable()
export class SigraDefaultLogger {
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
    const base = options.events ?? loggedEvents();
    const events = base.filter((name) => filter === undefined || filter.includes(name[1] as never));
    return {
      events,
      config: {
        level: options.level ?? 'log',
        encode: options.encode ?? 'text',
        warnEvents: new Set(securityEvents().map(canonicalEventName)),
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
    const level = config.warnEvents.has(eventName) ? 'warn' : config.level;
    // Formatting is the expensive part: skip it when the app's logger drops the level anyway.
    if (!Logger.isLevelEnabled(level)) return;
    // The static Logger methods reach the app's logger with less work per call than an instance.
    Logger[level](format(config.encode, eventName, measurements, metadata), SIGRA_LOGGER_CONTEXT);
  };
}
