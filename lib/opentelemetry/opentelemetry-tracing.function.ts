import { trace, type TracerProvider } from '@opentelemetry/api';
import { createRequire } from 'node:module';
import { registerTracer } from '../core/index.js';
import { openTelemetrySpanTracer } from './opentelemetry-span.tracer.js';
import type { SigraOpenTelemetryOptions } from './opentelemetry-tracing.options.js';
import { resolveOpenTelemetryOptions } from './opentelemetry-tracing.options-validation.js';

/** The instrumentation scope of every span: this package, at its version. */
export const TRACER_NAME = '@sigra/nestjs-telemetry';
const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The `code` of the warning a second attach to the same tracer provider emits. */
export const DUPLICATE_ATTACH_WARNING = 'SIGRA_OPENTELEMETRY_ATTACHED';

/** Tracer providers with a bridge attached. */
const attachedProviders: TracerProvider[] = [];

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
 * Attach once per tracer provider. A second attach to the same provider (a preload and
 * `SigraOpenTelemetryModule` both) would record every span twice: it does nothing instead, emits
 * a process warning (code `SIGRA_OPENTELEMETRY_ATTACHED`) saying which to remove, and returns a
 * stop function that does nothing; the first attach keeps running with its own options.
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
  if (attachedProviders.some((attached) => sameProvider(attached, provider))) {
    process.emitWarning(
      'attachOpenTelemetry: Sigra spans already go to this tracer provider; this second attach does nothing (its options are ignored), so that no span is recorded twice. Attach once: keep either the attachOpenTelemetry call of your --import preload or SigraOpenTelemetryModule.forRoot, and remove the other.',
      { code: DUPLICATE_ATTACH_WARNING },
    );
    return () => {};
  }
  const unregister = registerTracer(
    openTelemetrySpanTracer(provider.getTracer(TRACER_NAME, version), resolved),
  );
  attachedProviders.push(provider);
  let attached = true;
  return () => {
    if (!attached) return;
    attached = false;
    unregister();
    attachedProviders.splice(attachedProviders.indexOf(provider), 1);
  };
}

/**
 * The same provider, also when one is the API's global proxy and the other the SDK provider
 * registered behind it (a preload attaching to the global one, the module given it explicitly).
 */
function sameProvider(a: TracerProvider, b: TracerProvider): boolean {
  return a === b || delegateOf(a) === delegateOf(b);
}

function delegateOf(provider: TracerProvider): TracerProvider {
  const { getDelegate } = provider as { getDelegate?: () => TracerProvider };
  return typeof getDelegate === 'function' ? getDelegate.call(provider) : provider;
}
