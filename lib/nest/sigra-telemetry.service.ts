import { inspect } from 'node:util';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  accountEvents,
  apiTokenEvents,
  authEvents,
  confirmationEvents,
  emailEvents,
  hookEvents,
  jwtEvents,
  loggedEvents,
  mfaEvents,
  oauthEvents,
  resetEvents,
  securityEvents,
  sessionEvents,
  tokenEvents,
} from '../catalog/index.js';
import {
  detach,
  listHandlers,
  type AttachResult,
  type ConfigArgument,
  type CoreLogger,
  type DetachResult,
  type EventName,
  type Handler,
  type HandlerId,
  type HandlerRecord,
} from '../core/index.js';
import {
  attach,
  attachMany,
  execute,
  span,
  type EventMeasurements,
  type EventMetadata,
} from '../sigra/index.js';
import { SigraDefaultLogger } from './sigra-default.logger.js';
import {
  DEFAULT_LOGGER_HANDLER_ID,
  SIGRA_LOGGER_CONTEXT,
  SIGRA_TELEMETRY_OPTIONS,
} from './sigra-telemetry.constants.js';
import { joinProcess, leaveProcess, type AppClaim } from './sigra-telemetry.live-apps.js';
import type {
  ResolvedSigraTelemetryOptions,
  SigraDefaultLoggerOptions,
} from './sigra-telemetry.options.js';

type DefaultLoggerPlan = ReturnType<SigraDefaultLogger['plan']>;

const nestLogger = new Logger(SIGRA_LOGGER_CONTEXT);

/** Core reports (failed handlers and callbacks) through the app's logger, with the stack. */
const nestCoreLogger: CoreLogger = {
  error: (message, error) =>
    nestLogger.error(message, error instanceof Error ? error.stack : inspect(error)),
};

/**
 * Sigra telemetry for a Nest app: spans, one-shot signals, handlers and the default logger.
 *
 * Emitting goes to every handler in the process. Handlers attached through this service belong
 * to this app: `listHandlers` shows only them, and they are detached when the app closes.
 *
 * Several apps can live in one process (tests, a worker beside an API). None weakens another:
 * the process applies the strictest of their metadata policies (the strictest mode, every key any
 * of them denies, only the keys all of them allow), each app has its own default logger, and
 * after the last one closes the process policy and core logger are those from before the first
 * started. Nest's `Logger` itself is process-wide (`app.useLogger` replaces it for every app), so
 * every app's lines go to the logger in force, as Nest's own lines do.
 *
 * @example
 * constructor(private readonly telemetry: SigraTelemetryService) {}
 *
 * lockOut(userId: number, ip: string) {
 *   this.telemetry.event(['sigra', 'security', 'lockout'], {}, { user_id: userId, ip });
 * }
 * @publicApi
 */
@Injectable()
export class SigraTelemetryService implements OnModuleInit, OnApplicationShutdown {
  /** Handlers this app attached, by id: an id may since name another app's handler. */
  private readonly owned = new Map<HandlerId, Handler<never, never, never>>();
  /** This app's claim on the process settings while it lives. */
  private claim: AppClaim | undefined;
  /** The id of this app's default logger: `sigra-default-logger` unless another app holds it. */
  private defaultLoggerId: HandlerId = DEFAULT_LOGGER_HANDLER_ID;

  constructor(
    @Inject(SIGRA_TELEMETRY_OPTIONS) private readonly options: ResolvedSigraTelemetryOptions,
    private readonly defaultLogger: SigraDefaultLogger,
  ) {}

  /**
   * Applies the module options: metadata policy, core logger, default logger. Once per app, even
   * if Nest calls it again (the service is also provided to feature modules).
   */
  onModuleInit(): void {
    if (this.claim !== undefined) return;
    this.claim = joinProcess(this.options.metadataPolicy, nestCoreLogger);
    if (this.options.logger !== false) this.attachDefaultLogger(this.options.logger);
  }

  /** Detaches everything this app attached and gives back its claim on the process settings. */
  onApplicationShutdown(): void {
    if (this.claim === undefined) return;
    for (const record of this.listHandlers([])) detach(record.id);
    this.owned.clear();
    leaveProcess(this.claim);
    this.claim = undefined;
  }

  /** Runs `fn` inside a span (see the core `span`). */
  readonly span = span;

  /**
   * Emits a one-shot signal (Sigra's `event/3`, a wrapper of `execute`).
   * @example
   * telemetry.event(['sigra', 'security', 'rate_limited'], { count: 1 }, { ip, key_prefix: 'sigra', retry_after: 30 });
   */
  readonly event = execute;

  /** Attaches a handler owned by this app (see the core `attach`). */
  attach<const E extends EventName, TConfig = undefined>(
    handlerId: HandlerId,
    eventName: E,
    handler: Handler<EventMeasurements<E>, EventMetadata<E>, TConfig>,
    ...config: ConfigArgument<TConfig>
  ): AttachResult {
    return this.own(handlerId, handler, attach(handlerId, eventName, handler, ...config));
  }

  /** Attaches a handler owned by this app to several events (see the core `attachMany`). */
  attachMany<const E extends EventName, TConfig = undefined>(
    handlerId: HandlerId,
    eventNames: readonly E[],
    handler: Handler<EventMeasurements<E>, EventMetadata<E>, TConfig>,
    ...config: ConfigArgument<TConfig>
  ): AttachResult {
    return this.own(handlerId, handler, attachMany(handlerId, eventNames, handler, ...config));
  }

  /** Detaches a handler (see the core `detach`). */
  detach(handlerId: HandlerId): DetachResult {
    this.owned.delete(handlerId);
    return detach(handlerId);
  }

  /** The handlers this app attached whose event name starts with `prefix` (`[]`: all). */
  listHandlers(prefix: EventName): HandlerRecord[] {
    this.forgetDetached();
    return listHandlers(prefix).filter((record) => this.owned.get(record.id) === record.handler);
  }

  /**
   * Attaches Sigra's default logger for this app, under `sigra-default-logger` (or, while another
   * app's default logger holds that id, `sigra-default-logger#2`, `#3`…); `'already_exists'` if
   * this app's is attached already, as upstream's `attach_default_logger`, and then the options
   * given are ignored, with a warning: change them with `reconfigureDefaultLogger`. Options are
   * validated first (a `TypeError` names the bad one).
   * @example
   * telemetry.attachDefaultLogger({ level: 'debug', filter: ['auth', 'security'], encode: 'json' });
   */
  attachDefaultLogger(options: SigraDefaultLoggerOptions = {}): AttachResult {
    const plan = this.defaultLogger.plan(options);
    this.forgetDetached();
    if (this.owned.has(this.defaultLoggerId)) {
      if (Object.keys(options).length !== 0) {
        nestLogger.warn(
          'attachDefaultLogger: the default logger is attached already, so these options are ignored. Call reconfigureDefaultLogger(options) to change them at run time.',
        );
      }
      return 'already_exists';
    }
    return this.attachDefaultLoggerPlan(plan);
  }

  /**
   * Replaces the options of this app's default logger at run time: validates them, then detaches
   * the default logger this app attached (if any) and attaches it with `options`. Invalid options
   * throw and leave the running logger as it was.
   * @example
   * telemetry.reconfigureDefaultLogger({ level: 'warn' });
   */
  reconfigureDefaultLogger(options: SigraDefaultLoggerOptions = {}): AttachResult {
    const plan = this.defaultLogger.plan(options);
    this.forgetDetached();
    if (this.owned.has(this.defaultLoggerId)) this.detach(this.defaultLoggerId);
    return this.attachDefaultLoggerPlan(plan);
  }

  /** Attaches under the first free default-logger id (one per app alive in the process). */
  private attachDefaultLoggerPlan({ events, config }: DefaultLoggerPlan): AttachResult {
    for (let n = 1; ; n++) {
      const id = n === 1 ? DEFAULT_LOGGER_HANDLER_ID : `${DEFAULT_LOGGER_HANDLER_ID}#${n}`;
      if (this.attachMany(id, events, this.defaultLogger.handle, config) === 'ok') {
        this.defaultLoggerId = id;
        return 'ok';
      }
    }
  }

  /** Detaches this app's default logger; `'not_found'` if it is not attached. */
  detachDefaultLogger(): DetachResult {
    this.forgetDetached();
    if (!this.owned.has(this.defaultLoggerId)) return 'not_found';
    return this.detach(this.defaultLoggerId);
  }

  /** The catalog's auth events (login, logout, register spans). */
  readonly authEvents = authEvents;
  /** The catalog's token events. */
  readonly tokenEvents = tokenEvents;
  /** The catalog's session events. */
  readonly sessionEvents = sessionEvents;
  /** The catalog's email delivery events. */
  readonly emailEvents = emailEvents;
  /** The catalog's confirmation events. */
  readonly confirmationEvents = confirmationEvents;
  /** The catalog's password reset events. */
  readonly resetEvents = resetEvents;
  /** Upstream's `mfa_events/0`: 8 names. */
  readonly mfaEvents = mfaEvents;
  /** Upstream's `oauth_events/0`: 7 names. */
  readonly oauthEvents = oauthEvents;
  /** Upstream's `api_token_events/0`: 4 names. */
  readonly apiTokenEvents = apiTokenEvents;
  /** Upstream's `jwt_events/0`: 4 names. */
  readonly jwtEvents = jwtEvents;
  /** Upstream's `account_events/0`: 20 names. */
  readonly accountEvents = accountEvents;
  /** Upstream's `hook_events/0`: 1 name. */
  readonly hookEvents = hookEvents;
  /** The 64 events the default logger logs. */
  readonly loggedEvents = loggedEvents;
  /** The 7 events the default logger always logs at `warn`. */
  readonly securityEvents = securityEvents;

  /** Forgets handlers the core detached on its own (failed ones): there is nothing to close. */
  private forgetDetached(): void {
    // One pass over the registry: an id is attached with one handler at a time.
    const attached = new Map<HandlerId, unknown>();
    for (const record of listHandlers([])) attached.set(record.id, record.handler);
    for (const [id, handler] of this.owned) {
      if (attached.get(id) !== handler) this.owned.delete(id);
    }
  }

  private own(handlerId: HandlerId, handler: unknown, result: AttachResult): AttachResult {
    if (result === 'ok') this.owned.set(handlerId, handler as Handler<never, never, never>);
    return result;
  }
}
