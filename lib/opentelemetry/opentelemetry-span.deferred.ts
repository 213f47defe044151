import type {
  Context,
  Exception,
  Link,
  Span,
  SpanAttributes,
  SpanAttributeValue,
  SpanContext,
  SpanOptions,
  SpanStatus,
  TimeInput,
  Tracer,
} from '@opentelemetry/api';

/**
 * An OpenTelemetry span that starts on first use. Whether a spanned call is a span at all is
 * known only when it returns: a call that returns an Observable is not (each subscription is).
 * Until then the call runs inside this stand-in, which starts the real span, at the measured
 * start time and under the parent captured when the call began, as soon as anything uses it: a
 * child span reading its context, an event, an attribute, the end. Unused, nothing is started,
 * so nothing is left unended.
 */
export class DeferredSpan implements Span {
  private started: Span | undefined;

  constructor(
    private readonly tracer: Tracer,
    private readonly name: string,
    private readonly options: SpanOptions,
    private readonly parent: Context,
  ) {}

  /** Whether anything has used the span, which then has to end. */
  get isStarted(): boolean {
    return this.started !== undefined;
  }

  /** The real span, started now if nothing has used it yet. */
  private get span(): Span {
    return (this.started ??= this.tracer.startSpan(this.name, this.options, this.parent));
  }

  spanContext(): SpanContext {
    return this.span.spanContext();
  }

  setAttribute(key: string, value: SpanAttributeValue): this {
    this.span.setAttribute(key, value);
    return this;
  }

  setAttributes(attributes: SpanAttributes): this {
    this.span.setAttributes(attributes);
    return this;
  }

  addEvent(
    name: string,
    attributesOrStartTime?: SpanAttributes | TimeInput,
    startTime?: TimeInput,
  ): this {
    this.span.addEvent(name, attributesOrStartTime, startTime);
    return this;
  }

  addLink(link: Link): this {
    this.span.addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    this.span.addLinks(links);
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.span.setStatus(status);
    return this;
  }

  updateName(name: string): this {
    this.span.updateName(name);
    return this;
  }

  end(endTime?: TimeInput): void {
    this.span.end(endTime);
  }

  isRecording(): boolean {
    return this.span.isRecording();
  }

  recordException(exception: Exception, time?: TimeInput): void {
    this.span.recordException(exception, time);
  }
}
