import {
  BatchSpanProcessor,
  NodeTracerProvider,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';

type ExportCallback = Parameters<SpanExporter['export']>[1];

/** Accepts every batch and sends it nowhere: the rows measure recording, not exporting. */
class DiscardingExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: ExportCallback): void {
    done({ code: 0 });
  }

  async shutdown(): Promise<void> {}
}

/**
 * Registers the OpenTelemetry SDK the way a Node service does: `NodeTracerProvider` (which
 * installs the AsyncLocalStorage context manager) with a `BatchSpanProcessor`, default sampler
 * (always on) and default queue limits.
 */
export function registerOtelSdk(): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    spanProcessors: [new BatchSpanProcessor(new DiscardingExporter())],
  });
  provider.register();
  return provider;
}
