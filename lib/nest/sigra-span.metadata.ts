import type { ExecutionContext } from '@nestjs/common';
import type { ErrorClassifier, SpanChannel } from '../core/core.internal.js';
import type { EventName, Metadata } from '../core/index.js';
import type { SpanStartMetadata, SpanStopMetadata } from '../sigra/index.js';
import type { SpanHandOff } from './sigra-span.hand-off.js';

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
  /**
   * Which thrown values are an expected failure of the operation rather than a fault: they end
   * the span with `stop` and `{ result: 'failure' }` (plus `status` for an `HttpException`);
   * anything else ends it with `exception`. The error propagates unchanged either way. Default:
   * an `HttpException` with a 4xx status.
   *
   * @example
   * isFailure: (error) => error instanceof UnauthorizedException || error instanceof InvalidCode
   */
  isFailure?: (error: unknown) => boolean;
}

/**
 * What `@SigraSpan` records on the method it decorates, shared with `SigraSpanInterceptor`;
 * `classifyError` is the span option made from `isFailure`.
 */
export interface SigraSpanDefinition {
  readonly prefix: EventName;
  readonly options: SigraSpanOptions<never[], never, EventName>;
  readonly channel: SpanChannel;
  readonly classifyError: ErrorClassifier;
  /**
   * The interceptor's stop deriver: `result: 'success'` under `stopMetadata`, which it calls
   * with the response's last value alone (the handler's arguments are not known there).
   */
  readonly respondedStop: (result: unknown) => Metadata;
  /** Calls the interceptor spans already, so that the method does not span them again. */
  readonly handOff: SpanHandOff;
}
