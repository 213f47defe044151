import type { HttpRequest } from './http-request.js';

/** The token of an `Authorization: Bearer <token>` header, or `undefined`. */
export function bearerToken(request: HttpRequest): string | undefined {
  const match = /^Bearer ([\w.~+/=-]+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}
