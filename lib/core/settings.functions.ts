import type { CoreLogger } from './core-logger.constants.js';
import { registry } from './registry.state.js';
import { ArgumentError, unreadableArgument } from './argument-validation.functions.js';
import { describeValue } from '../shared/value-description.functions.js';
import {
  createMetadataPolicy,
  type MetadataPolicyOptions,
  type MetadataSanitizer,
} from '../policy/index.js';

/**
 * Replaces the core logger for the whole process and returns the one it replaced, so the caller
 * can put it back.
 * @publicApi
 */
export function setCoreLogger(logger: CoreLogger): CoreLogger {
  let error: unknown;
  try {
    error = logger !== null && typeof logger === 'object' ? logger.error : undefined;
  } catch (thrown) {
    throw unreadableArgument('setCoreLogger', 'logger', thrown);
  }
  if (typeof error !== 'function') {
    throw new ArgumentError(
      `setCoreLogger: logger must be an object with an error(message, error) method, such as { error: (message, error) => console.error(message, error) }; got ${describeValue(logger)}.`,
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
  let sanitize: MetadataSanitizer;
  try {
    sanitize = createMetadataPolicy(options);
  } catch (error) {
    // The policy's own errors are TypeErrors naming the option; anything else came from reading.
    if (error instanceof TypeError) throw error;
    throw unreadableArgument('setMetadataPolicy', 'options', error);
  }
  const previous = registry.policyOptions;
  registry.policyOptions = options;
  registry.sanitize = sanitize;
  return previous;
}

/** The metadata policy options in force. @publicApi */
export function getMetadataPolicy(): MetadataPolicyOptions {
  return registry.policyOptions;
}
