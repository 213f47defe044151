import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-node';

/** The OpenTelemetry SDK as a Node service registers it, recording into memory. */
export function registerInMemorySdk() {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  return { provider, exporter, tracer: trace.getTracer('test') };
}

/** The finished span of that name (the only one expected). */
export function spanNamed(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((s) => s.name === name);
  if (found.length !== 1) {
    throw new Error(
      `expected one span ${name}, found ${found.length}: ${spans.map((s) => s.name).join(', ')}`,
    );
  }
  return found[0]!;
}

/** Whether `child` is a child of `parent`, by trace and span ids. */
export function parentOf(child: ReadableSpan): string | undefined {
  return child.parentSpanContext?.spanId;
}

export { SpanStatusCode };
