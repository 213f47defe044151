import { trace } from '@opentelemetry/api';
import { createRequire } from 'node:module';
import { registerTracer } from '../core/telemetry.tracers.js';
import { openTelemetrySpanTracer } from './opentelemetry-span.tracer.js';
import type { SigraOpenTelemetryOptions } from './opentelemetry-tracing.options.js';
import { resolveOpenTelemetryOptions } from './opentelemetry-tracing.options-validation.js';

/** The instrumentation scope of every span: this package, at its version. */
export const TRACER_NAME = '@sigra/nestjs-telemetry';
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * Sends every Sigra span to OpenTelemetry, framework-free: each span becomes an OpenTelemetry
 * span named after its prefix (`sigra.auth.login`), a child of the context active when it
 * started (the HTTP request's span, an outer Sigra span) and the active context while it runs,
 * for sync functions, Promises and each Observable subscription. Attributes come from the
 * policy-applied metadata; an exception sets ERROR and is recorded; signals become span events.
 *
 * Without a registered SDK nothing is recorded and nothing changes, but every span still runs
 * the Sigra span machinery: attach where tracing is configured. Returns a function that stops it.
 *
 * @example
 * // tracing.ts, loaded with `node --import ./tracing.js main.js`
 * const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
 * provider.register();
 * const stop = attachOpenTelemetry({ signals: 'span-events-or-spans' });
 * @publicApi
 */
export function attachOpenTelemetry(options?: SigraOpenTelemetryOptions): () => void {
  const resolved = resolveOpenTelemetryOptions(options);
  const provider = resolved.tracerProvider ?? trace.getTracerProvider();
  return registerTracer(
    openTelemetrySpanTracer(provider.getTracer(TRACER_NAME, version), resolved),
  );
}
