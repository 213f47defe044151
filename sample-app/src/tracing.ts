/**
 * OpenTelemetry tracing for the sample app, driven by the standard environment variables:
 * preload it with `node --import ./dist-sample/tracing.js dist-sample/main.js`. Without
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) it does nothing.
 *
 * The SDK must be registered before the app's modules load, so that the incoming request's span
 * exists when Sigra's spans start under it: hence a preload rather than code in `main.ts`.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { attachOpenTelemetry } from '@sigra/nestjs-telemetry/opentelemetry';

const { OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT } = process.env;

if (OTEL_EXPORTER_OTLP_ENDPOINT || OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
  // The exporter and the batch processor read the rest of the OTEL_* variables themselves.
  const provider = new NodeTracerProvider({
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });
  attachOpenTelemetry();
  // Flush what is still batched while Nest's shutdown hooks close the app (they end the process
  // once it is closed).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void provider.shutdown());
  }
}
