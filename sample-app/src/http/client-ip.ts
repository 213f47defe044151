import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from './http-request.js';

/**
 * The client's address as Express resolves it: `X-Forwarded-For` is honoured only from the
 * proxies `configureApp` trusts (loopback), so a remote client cannot choose its own address.
 */
export function clientIp(request: HttpRequest): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/** Injects the client's address (see `clientIp`) into a handler parameter. */
export const ClientIp = createParamDecorator((_: unknown, context: ExecutionContext) =>
  clientIp(context.switchToHttp().getRequest<HttpRequest>()),
);
