import 'reflect-metadata';
import {
  Injectable,
  Module,
  UseInterceptors,
  type CallHandler,
  type INestApplicationContext,
  type NestInterceptor,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SigraSpan, SigraSpanInterceptor, SigraTelemetryModule } from '@sigra/nestjs-telemetry';
import { BENCH_EVENTS as E } from './bench-events.js';
import { workAsync } from './workload.js';

/** An interceptor that only passes the call on: what Nest charges for any interceptor at all. */
@Injectable()
class PassThroughInterceptor implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler) {
    return next.handle();
  }
}

const userMetadata = { metadata: (i: number) => ({ user_id: i }) };

/** Handlers reached through Nest's handler pipeline (guards, interceptors, pipes), not HTTP. */
@Injectable()
export class PipelineHandlers {
  /** No interceptor, no span: the pipeline's own cost. */
  async plain(i: number): Promise<number> {
    return workAsync(i);
  }

  /** A pass-through interceptor: the baseline of the `SigraSpanInterceptor` rows. */
  @UseInterceptors(PassThroughInterceptor)
  async passThrough(i: number): Promise<number> {
    return workAsync(i);
  }

  @UseInterceptors(SigraSpanInterceptor)
  @SigraSpan(E.pipelineNone, userMetadata)
  async idle(i: number): Promise<number> {
    return workAsync(i);
  }

  @UseInterceptors(SigraSpanInterceptor)
  @SigraSpan(E.pipelineTrivial, userMetadata)
  async handled(i: number): Promise<number> {
    return workAsync(i);
  }
}

@Module({
  imports: [SigraTelemetryModule.forRoot({ logger: { level: 'debug' } })],
  providers: [PipelineHandlers],
})
class BenchModule {}

/**
 * Boots a Nest application context (no HTTP server) with the default logger attached at `debug`
 * while the app logger keeps only `error` and `warn`: the default logger's handler runs on each
 * logged event and returns before formatting.
 */
export function bootBenchApp(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
}
