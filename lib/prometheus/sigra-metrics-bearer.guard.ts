import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { SIGRA_PROMETHEUS_OPTIONS } from './sigra-prometheus.options-validation.js';
import type { SigraPrometheusModuleOptions } from './sigra-prometheus.options.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Lets a scrape through when no `bearerToken` is configured, or when it sends
 * `Authorization: Bearer <token>`. Compares digests in constant time, so the response time says
 * nothing about the token.
 */
@Injectable()
export class SigraMetricsBearerGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(@Inject(SIGRA_PROMETHEUS_OPTIONS) options: SigraPrometheusModuleOptions) {
    this.expected = options.bearerToken === undefined ? undefined : digest(options.bearerToken);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected === undefined) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer (.+)$/i.exec(header) : null;
    if (match !== null && timingSafeEqual(digest(match[1] as string), this.expected)) return true;
    throw new UnauthorizedException('A valid bearer token is required to read the metrics.');
  }
}
