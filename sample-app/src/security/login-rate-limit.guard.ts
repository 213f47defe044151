import {
  HttpException,
  HttpStatus,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { clientIp } from '../http/client-ip.js';
import type { HttpRequest } from '../http/http-request.js';
import { LoginRateLimitService } from './login-rate-limit.service.js';

/** Answers 429 with `Retry-After` once an IP is over the login rate limit. */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  constructor(private readonly rateLimit: LoginRateLimitService) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const retryAfter = this.rateLimit.consume(clientIp(http.getRequest<HttpRequest>()));
    if (retryAfter === undefined) return true;
    http.getResponse<ServerResponse>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      `Too many login attempts from this address; retry in ${retryAfter} s.`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
