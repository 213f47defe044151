import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { isIPv6 } from 'node:net';
import type { HttpRequest } from './http-request.js';

/**
 * The client's address as Express resolves it: `X-Forwarded-For` is honoured only from the
 * proxies `configureApp` trusts, so a remote client cannot choose its own address.
 */
export function clientIp(request: HttpRequest): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/** Injects the client's address (see `clientIp`) into a handler parameter. */
export const ClientIp = createParamDecorator((_: unknown, context: ExecutionContext) =>
  clientIp(context.switchToHttp().getRequest<HttpRequest>()),
);

/** The 8 groups of an IPv6 address, `::` expanded. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  return [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
}

/**
 * What per-client limits count by: an IPv4 address as it is (IPv4-mapped IPv6 included), an IPv6
 * address by its /64, since one subscriber usually holds a whole /64 and picks from it freely.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped !== null) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const prefix = ipv6Groups(ip.split('%')[0]!.toLowerCase()).slice(0, 4);
  return `${prefix.map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
