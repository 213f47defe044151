import type { ExecutionContext } from '@nestjs/common';
import type { SpanChannel } from '../core/telemetry.registry.js';
import type { EventName, Metadata, SpanStartMetadata, SpanStopMetadata } from '../core/index.js';

/**
 * Options of `@SigraSpan`.
 * @publicApi
 */
export interface SigraSpanOptions<
  TArgs extends unknown[] = unknown[],
  TResult = unknown,
  TPrefix extends EventName = EventName,
> {
  /**
   * Start metadata from the method's arguments, e.g. `(userId) => ({ user_id: userId })`.
   * Typed by the catalog for a Sigra prefix.
   */
  metadata?: (...args: TArgs) => SpanStartMetadata<TPrefix>;
  /**
   * Stop metadata from the result (resolved value, last Observable value) and the arguments,
   * e.g. `(result) => ({ result: result.ok ? 'success' : 'failure' })`. Through
   * `SigraSpanInterceptor` the arguments are not available: it receives the result alone.
   */
  stopMetadata?: (result: TResult, ...args: TArgs) => SpanStopMetadata<TPrefix>;
  /**
   * Start metadata from the execution context when `SigraSpanInterceptor` spans the handler,
   * merged over the module's `spanContextMetadata`.
   */
  contextMetadata?: (context: ExecutionContext) => Metadata;
}

/**
 * What `@SigraSpan` records on the method it decorates, shared with `SigraSpanInterceptor`.
 *
 * `covered` holds one token per call that the interceptor is spanning: the method consumes a
 * token instead of opening a second span, so a call gets exactly one span with or without the
 * interceptor.
 */
export interface SigraSpanDefinition {
  readonly prefix: EventName;
  readonly options: SigraSpanOptions<never[], never, EventName>;
  readonly channel: SpanChannel;
  readonly covered: Set<object>;
}
