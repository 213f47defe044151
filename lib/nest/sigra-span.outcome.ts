import { HttpException } from '@nestjs/common';
import type { ErrorClassifier } from '../core/core.internal.js';
import type { Metadata } from '../core/index.js';

/**
 * The default `isFailure` of `@SigraSpan`: an `HttpException` with a 4xx status is the caller's
 * failure (a wrong password, a missing token), not a fault of the server, as OpenTelemetry's
 * rule for server spans has it.
 */
export function isClientError(error: unknown): boolean {
  if (!(error instanceof HttpException)) return false;
  const status = error.getStatus();
  return status >= 400 && status < 500;
}

/**
 * The span's `classifyError`: what `isFailure` accepts ends the span with `stop` and
 * `{ result: 'failure' }`, plus the `status` of an `HttpException`.
 */
export function failureClassifier(isFailure: (error: unknown) => boolean): ErrorClassifier {
  return (error) => {
    if (isFailure(error) !== true) return undefined;
    return error instanceof HttpException
      ? { result: 'failure', status: error.getStatus() }
      : { result: 'failure' };
  };
}

const SUCCESS: Metadata = Object.freeze({ result: 'success' });

/**
 * The stop deriver of a request the interceptor saw answered: `result: 'success'`, under what
 * the handler's `stopMetadata` says, so that a handler can still report a failure. Made once
 * per decorated method, not per request.
 */
export function respondedStop(
  stopMetadata: ((result: unknown) => Metadata) | undefined,
): (result: unknown) => Metadata {
  if (stopMetadata === undefined) return () => SUCCESS;
  return (result) => {
    const derived: unknown = stopMetadata(result);
    // Anything but an object goes back as it is, for the span to report it.
    return derived !== null && typeof derived === 'object'
      ? { result: 'success', ...derived }
      : (derived as Metadata);
  };
}
