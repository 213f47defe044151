import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { bearerToken, tokenMatcher } from '../nest/bearer-token.function.js';
import { SIGRA_PROMETHEUS_OPTIONS } from './sigra-prometheus.options-validation.js';
import type { SigraPrometheusModuleOptions } from './sigra-prometheus.options.js';

/**
 * Lets a scrape through when no `bearerToken` is configured, or when it sends
 * `Authorization: Bearer <token>`. Compares digests in constant time, so the response time says
 * nothing about the token.
 */
@Injectable()
export class SigraMetricsBearerGuard implements CanActivate {
  private readonly matchesToken: ((presented: string | undefined) => boolean) | undefined;

  constructor(@Inject(SIGRA_PROMETHEUS_OPTIONS) options: SigraPrometheusModuleOptions) {
    this.matchesToken =
      options.bearerToken === undefined ? undefined : tokenMatcher(options.bearerToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.matchesToken === undefined) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    if (this.matchesToken(bearerToken(request.headers.authorization))) return true;
    throw new UnauthorizedException('A valid bearer token is required to read the metrics.');
  }
}
