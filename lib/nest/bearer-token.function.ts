import { createHash, timingSafeEqual } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * A check of presented tokens against `expected` that takes the same time whatever the token's
 * length and content (digests of equal length are compared in constant time), so the response
 * time says nothing about the token. Shared by the endpoints that take a bearer token.
 */
export function tokenMatcher(expected: string): (presented: string | undefined) => boolean {
  const expectedDigest = digest(expected);
  return (presented) =>
    presented !== undefined && timingSafeEqual(digest(presented), expectedDigest);
}

/** The token of an `Authorization: Bearer <token>` header, if the header is one. */
export function bearerToken(header: unknown): string | undefined {
  const match = typeof header === 'string' ? /^Bearer (.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}
