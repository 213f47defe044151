import {
  context,
  SpanStatusCode,
  trace,
  type Context,
  type Exception,
  type HrTime,
  type Tracer,
} from '@opentelemetry/api';
import { performance } from 'node:perf_hooks';
import type { SpanTracer } from '../core/index.js';
import type { EventName, Measurements, Metadata } from '../shared/telemetry.types.js';
import {
  attributeNamer,
  EXCEPTION_KEYS,
  metadataAttributes,
} from './opentelemetry-span.attributes.js';
import { DeferredSpan } from './opentelemetry-span.deferred.js';
import type { ResolvedSigraOpenTelemetryOptions } from './opentelemetry-tracing.options.js';

/** An OpenTelemetry span and the context in which its function runs. */
export interface OpenTelemetrySpanState {
  readonly span: DeferredSpan;
  readonly context: Context;
  /** The start metadata, whose attributes the span has already. */
  readonly start: Metadata;
}

const NO_KEYS: ReadonlySet<string> = new Set();

// The core's `monotonic_time` is `performance.now()` in nanoseconds; OpenTelemetry times are
// wall-clock [seconds, nanoseconds] since the epoch, from the same origin the SDK uses.
const ORIGIN_SECONDS = Math.floor(performance.timeOrigin / 1000);
const ORIGIN_NANOSECONDS = Math.round((performance.timeOrigin - ORIGIN_SECONDS * 1000) * 1e6);

/** Wall-clock time of a `monotonic_time` measurement. */
function hrTimeOf(monotonicNs: unknown): HrTime | undefined {
  if (typeof monotonicNs !== 'number') return undefined;
  const total = ORIGIN_NANOSECONDS + monotonicNs;
  const seconds = Math.floor(total / 1e9);
  return [ORIGIN_SECONDS + seconds, total - seconds * 1e9];
}

/** The span name of a prefix: its segments joined by dots (`sigra.auth.login`). */
const spanNames = new WeakMap<EventName, string>();
function spanName(prefix: EventName): string {
  let name = spanNames.get(prefix);
  if (name === undefined) spanNames.set(prefix, (name = prefix.join('.')));
  return name;
}

/**
 * Turns Sigra spans into OpenTelemetry spans: children of the context active when they start,
 * the active context while their function runs, timed by the span's own measurements. Each one
 * starts on first use (see `DeferredSpan`), so that the call creating an Observable leaves no
 * span behind unless something inside it used it.
 */
export function openTelemetrySpanTracer(
  tracer: Tracer,
  options: ResolvedSigraOpenTelemetryOptions,
): SpanTracer<OpenTelemetrySpanState> {
  const nameOf = attributeNamer(options.attributes);
  const attributes = (metadata: Metadata, skip = NO_KEYS, known?: Metadata) =>
    metadataAttributes(metadata, nameOf, skip, known);
  const failureIsError = options.failureStatus === 'error';

  return {
    startSpan(prefix, measurements, metadata) {
      const parent = context.active();
      const span = new DeferredSpan(
        tracer,
        spanName(prefix),
        { startTime: hrTimeOf(measurements.monotonic_time), attributes: attributes(metadata) },
        parent,
      );
      return { span, context: trace.setSpan(parent, span), start: metadata };
    },

    runInSpan: (state, fn) => context.with(state.context, fn),

    // An Observable's creating call: a span only if something inside it used the span (a child,
    // an event), which then ends as the call returns.
    discardSpan({ span }) {
      if (span.isStarted) span.end();
    },

    stopSpan({ span, start }, measurements, metadata) {
      if (metadata !== start) span.setAttributes(attributes(metadata, NO_KEYS, start));
      if (metadata.result === 'failure') {
        span.setAttribute('error.type', failureType(metadata));
        if (failureIsError) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end(hrTimeOf(measurements.monotonic_time));
    },

    failSpan({ span, start }, measurements, metadata) {
      const { reason } = metadata;
      span.setAttributes(attributes(metadata, EXCEPTION_KEYS, start));
      const time = hrTimeOf(measurements.monotonic_time);
      span.recordException(exceptionOf(reason, metadata.stacktrace), time);
      span.setAttribute('error.type', errorType(reason));
      const status = httpStatusOf(reason);
      const clientError = status !== undefined && status >= 400 && status < 500;
      if (!clientError || failureIsError) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(reason) });
      }
      span.end(time);
    },

    signal(eventName, measurements, metadata) {
      if (options.signals === 'off') return;
      const name = spanName(eventName);
      const active = trace.getSpan(context.active());
      if (active !== undefined && active.isRecording()) {
        active.addEvent(name, signalAttributes(attributes(metadata), measurements));
      } else if (options.signals === 'span-events-or-spans') {
        tracer
          .startSpan(name, { attributes: signalAttributes(attributes(metadata), measurements) })
          .end();
      }
    },
  };
}

/** A signal's numeric measurements (`count`, `retry_after`) go with its metadata. */
function signalAttributes(attributes: Record<string, unknown>, measurements: Measurements) {
  for (const key of Object.keys(measurements)) {
    const value = measurements[key];
    if (typeof value === 'number') attributes[`sigra.measurement.${key}`] = value;
  }
  return attributes as ReturnType<typeof metadataAttributes>;
}

/** A failure's low-cardinality type: its `reason` (`invalid_credentials`), its status, or `_OTHER`. */
function failureType(metadata: Metadata): string {
  if (typeof metadata.reason === 'string') return metadata.reason;
  if (typeof metadata.status === 'number') return String(metadata.status);
  return '_OTHER';
}

/** `error.code` (a Node system error's `ECONNREFUSED`) or the error's name, as OpenTelemetry's own instrumentations do. */
function errorType(reason: unknown): string {
  if (reason instanceof Error) {
    const code = (reason as { code?: unknown }).code;
    return typeof code === 'string' ? code : reason.name;
  }
  return '_OTHER';
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : safeString(reason);
}

/** The status of a Nest `HttpException` (or anything with `getStatus`), without importing Nest. */
function httpStatusOf(reason: unknown): number | undefined {
  if (reason === null || typeof reason !== 'object') return undefined;
  const getStatus = (reason as { getStatus?: unknown }).getStatus;
  if (typeof getStatus !== 'function') return undefined;
  try {
    const status: unknown = getStatus.call(reason);
    return typeof status === 'number' ? status : undefined;
  } catch {
    return undefined;
  }
}

/** What `recordException` records: the policy-applied error's name, message and stack. */
function exceptionOf(reason: unknown, stacktrace: unknown): Exception {
  if (reason instanceof Error) {
    return {
      name: reason.name,
      message: reason.message,
      stack: typeof stacktrace === 'string' ? stacktrace : undefined,
    };
  }
  return typeof reason === 'string' ? reason : { name: typeof reason, message: safeString(reason) };
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '(unprintable thrown value)';
  }
}
