import {
  Inject,
  Injectable,
  Optional,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import { callMetadataCallback, isChannelActive, spanSubscriptions } from '../core/core.internal.js';
import type { Metadata } from '../core/index.js';
import { sigraSpanDefinition } from './sigra-span.decorator.js';
import type { SigraSpanDefinition } from './sigra-span.metadata.js';
import { SIGRA_TELEMETRY_OPTIONS } from './sigra-telemetry.constants.js';
import type { ResolvedSigraTelemetryOptions } from './sigra-telemetry.options.js';

/**
 * Spans every handler that carries `@SigraSpan`, from the moment the interceptor runs to the end
 * of the response stream (complete, error or unsubscribe), including pipes and Observables the
 * handler returns. Outcomes: a response ends the span with `stop` and `result: 'success'`
 * (which the handler's `stopMetadata` may override); a 4xx `HttpException` (or what the handler's
 * `isFailure` accepts) with `stop`, `result: 'failure'` and `status`; any other error with
 * `exception`. Every error propagates unchanged. An Observable response unsubscribed before it
 * completes ends with `stop` and no `result`. Handlers without `@SigraSpan` pass through
 * untouched.
 *
 * Bind it per handler or controller with `@UseInterceptors(SigraSpanInterceptor)`, or for the
 * whole app with `{ provide: APP_INTERCEPTOR, useClass: SigraSpanInterceptor }`.
 * @publicApi
 */
@Injectable()
export class SigraSpanInterceptor implements NestInterceptor {
  constructor(
    @Optional()
    @Inject(SIGRA_TELEMETRY_OPTIONS)
    private readonly options?: ResolvedSigraTelemetryOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const definition = sigraSpanDefinition(context.getHandler());
    if (definition === undefined || !isChannelActive(definition.channel)) return next.handle();
    const { channel, classifyError, handOff, respondedStop } = definition;
    return spanSubscriptions(
      channel,
      this.startMetadata(context, definition),
      // Each subscription is a span of its own, and hands its own call of the method over.
      (observer) => handOff.subscribeHandedOver(next.handle(), observer),
      respondedStop,
      classifyError,
    );
  }

  private startMetadata(context: ExecutionContext, definition: SigraSpanDefinition): Metadata {
    const fromModule = this.options?.spanContextMetadata;
    const fromHandler = definition.options.contextMetadata;
    if (fromModule === undefined && fromHandler === undefined) return NO_METADATA;
    const { channel } = definition;
    // Object.assign: two spreads in one literal take a much slower path on Node 20's V8.
    return Object.assign(
      {},
      fromModule === undefined
        ? undefined
        : callMetadataCallback('spanContextMetadata', channel, fromModule, [context]),
      fromHandler === undefined
        ? undefined
        : callMetadataCallback('contextMetadata', channel, fromHandler, [context]),
    );
  }
}

const NO_METADATA: Metadata = Object.freeze({});
