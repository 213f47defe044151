import {
  Controller,
  Get,
  Inject,
  Res,
  UseGuards,
  type CanActivate,
  type Type,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SigraMetricsBearerGuard } from './sigra-metrics-bearer.guard.js';
import { SigraPrometheusService } from './sigra-prometheus.service.js';

/**
 * The exposition endpoint at `path`, behind the bearer guard and the user's guard. A class per
 * module definition, because a route is fixed when its controller is declared.
 */
export function createMetricsController(
  path: string,
  guard: Type<CanActivate> | CanActivate | undefined,
): Type<unknown> {
  const guards = guard === undefined ? [SigraMetricsBearerGuard] : [SigraMetricsBearerGuard, guard];

  @Controller()
  @UseGuards(...guards)
  class SigraMetricsController {
    constructor(
      @Inject(SigraPrometheusService) private readonly prometheus: SigraPrometheusService,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    ) {}

    @Get(path)
    async scrape(@Res({ passthrough: true }) response: unknown): Promise<string> {
      const text = await this.prometheus.scrape();
      this.adapterHost.httpAdapter.setHeader(
        response,
        'Content-Type',
        this.prometheus.registry.contentType,
      );
      return text;
    }
  }
  return SigraMetricsController;
}
