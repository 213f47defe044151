import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyValidationPipe } from './http/body-validation.pipe.js';
import { InvalidJsonFilter } from './http/invalid-json.filter.js';

/** Largest JSON or form body accepted; larger ones get 413. */
export const BODY_LIMIT = '10kb';

/** Proxies whose `X-Forwarded-For` is believed, in Express's `trust proxy` terms; false: none. */
export type TrustedProxies = string | string[] | false;

/** What `configureApp` may be told. */
export interface HttpOptions {
  /**
   * The proxies whose `X-Forwarded-For` names the client. Default: the `TRUST_PROXY` variable
   * (see `trustedProxies`).
   */
  trustProxy?: TrustedProxies;
}

/**
 * Reads `TRUST_PROXY`: a comma-separated list of addresses, subnets (`10.0.0.0/8`) and Express's
 * names (`loopback`, `linklocal`, `uniquelocal`), or `none`. Unset: `loopback`, a proxy on this
 * machine. Only a proxy may say who the client is: anyone else could forge the header to dodge
 * the per-client limits.
 */
export function trustedProxies(value = process.env.TRUST_PROXY): TrustedProxies {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return 'loopback';
  return entries.length === 1 && entries[0] === 'none' ? false : entries;
}

/** Where `main.ts` listens: `HOST` (default 127.0.0.1, this machine only) and `PORT` (3000). */
export function listenAddress(env: NodeJS.ProcessEnv = process.env): {
  host: string;
  port: number;
} {
  return { host: env.HOST || '127.0.0.1', port: Number(env.PORT || 3000) };
}

/**
 * Headers for every answer: nothing here may be cached (answers carry tokens, TOTP secrets,
 * backup codes), and browsers must not guess content types.
 */
function securityHeaders(_: IncomingMessage, response: ServerResponse, next: () => void): void {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  next();
}

/**
 * The HTTP set-up shared by `main.ts`, the demo and the tests: security headers, body size
 * limits, validation of every body against its DTO with answers that do not echo input, and the
 * proxies whose `X-Forwarded-For` is believed.
 */
export function configureApp(
  app: NestExpressApplication,
  options: HttpOptions = {},
): NestExpressApplication {
  app.set('trust proxy', options.trustProxy ?? trustedProxies());
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.useGlobalPipes(new BodyValidationPipe());
  app.useGlobalFilters(new InvalidJsonFilter(app.getHttpAdapter()));
  return app;
}
