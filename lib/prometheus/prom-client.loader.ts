import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

/** Thrown when the `/prometheus` entry is imported without `prom-client` installed. */
export class PromClientMissingError extends Error {
  constructor(cause: unknown) {
    super(
      '@sigra/nestjs-telemetry/prometheus needs the optional peer dependency prom-client (^15): run `npm install prom-client`. The root entry works without it.',
      { cause },
    );
    this.name = 'PromClientMissingError';
  }
}

function isMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes("'prom-client'")
  );
}

/**
 * Loads prom-client once, when this entry is imported (never from the root entry). A CommonJS
 * `require`, so a missing package becomes one clear error instead of a resolution failure.
 */
function loadPromClient(): typeof PromClient {
  try {
    return createRequire(import.meta.url)('prom-client') as typeof PromClient;
  } catch (error) {
    throw isMissing(error) ? new PromClientMissingError(error) : error;
  }
}

export const promClient: typeof PromClient = loadPromClient();
