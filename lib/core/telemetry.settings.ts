import type { CoreLogger } from './telemetry.logger.js';
import { registry } from './telemetry.registry.js';
import { createMetadataPolicy, type MetadataPolicyOptions } from '../policy/index.js';

/**
 * Replaces the core logger for the whole process and returns the one it replaced, so the caller
 * can put it back.
 * @publicApi
 */
export function setCoreLogger(logger: CoreLogger): CoreLogger {
  if (logger === null || typeof logger !== 'object' || typeof logger.error !== 'function') {
    throw new TypeError(
      `setCoreLogger: logger must be an object with an error(message, error) method, got ${String(logger)}.`,
    );
  }
  const previous = registry.logger;
  registry.logger = logger;
  return previous;
}

/**
 * Sets the metadata policy applied to every emission in the process and returns the options it
 * replaced. Invalid options throw before anything changes.
 *
 * @example
 * setMetadataPolicy({ mode: 'strict' }); // in tests: fail loudly on any secret
 * @publicApi
 */
export function setMetadataPolicy(options: MetadataPolicyOptions): MetadataPolicyOptions {
  const sanitize = createMetadataPolicy(options);
  const previous = registry.policyOptions;
  registry.policyOptions = options;
  registry.sanitize = sanitize;
  return previous;
}

/** The metadata policy options in force. @publicApi */
export function getMetadataPolicy(): MetadataPolicyOptions {
  return registry.policyOptions;
}
