import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';

/** Spans the SDK started and has not seen end: what a leak of started spans leaves behind. */
class OpenSpans implements SpanProcessor {
  readonly open = new Set<Span>();
  onStart(span: Span): void {
    this.open.add(span);
  }
  onEnd(span: ReadableSpan): void {
    this.open.delete(span as Span);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The OpenTelemetry SDK as a Node service registers it, recording into memory. */
export function registerInMemorySdk() {
  const exporter = new InMemorySpanExporter();
  const openSpans = new OpenSpans();
  const provider = new NodeTracerProvider({
    spanProcessors: [openSpans, new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  return {
    provider,
    exporter,
    tracer: trace.getTracer('test'),
    /** Names of the spans started and not yet ended. */
    openSpanNames: () => [...openSpans.open].map((span) => span.name),
  };
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
