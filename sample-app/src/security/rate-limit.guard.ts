import {
  HttpException,
  HttpStatus,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { clientIp } from '../http/client-ip.js';
import type { HttpRequest } from '../http/http-request.js';
import { RateLimitService } from './rate-limit.service.js';
import type { RateLimitPolicy } from './security.constants.js';

/** What a client is doing too often, per policy, for the 429 message. */
const ACTIVITY: Record<RateLimitPolicy, string> = {
  login: 'login attempts',
  register: 'registrations',
  sudo: 'password confirmations',
  reset_request: 'password reset requests',
  reset_email: 'password reset requests',
  mfa_verify: 'MFA codes',
};

/** Puts the handler under a per-client rate limit (with `RateLimitGuard`). */
export const RateLimit = Reflector.createDecorator<RateLimitPolicy>();

/** Answers 429 with `Retry-After` once the client is over the handler's `@RateLimit`. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly rateLimit: RateLimitService,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const policy = this.reflector.get(RateLimit, context.getHandler());
    if (policy === undefined) throw new Error('RateLimitGuard used without @RateLimit(policy).');
    const http = context.switchToHttp();
    const retryAfter = this.rateLimit.consume(policy, clientIp(http.getRequest<HttpRequest>()));
    if (retryAfter === undefined) return true;
    http.getResponse<ServerResponse>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      `Too many ${ACTIVITY[policy]} from this address; retry in ${retryAfter} s.`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
