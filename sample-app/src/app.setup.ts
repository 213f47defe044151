import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Largest JSON or form body accepted; larger ones get 413. */
export const BODY_LIMIT = '10kb';

/**
 * The HTTP set-up shared by `main.ts`, the demo and the tests: body size limits, validation of
 * every body against its DTO, and the proxies whose `X-Forwarded-For` is believed.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  // Only a proxy on this machine may say who the client is; anyone else could forge the header
  // to dodge the per-IP rate limit.
  app.set('trust proxy', 'loopback');
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  return app;
}
