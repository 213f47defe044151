/*
 * The one way the layers above core (the typed Sigra API, Nest, metrics and exporters) reach
 * core's internals. Not part of the package's public surface.
 */
export { assertEventName } from './argument-validation.functions.js';
export { reportedText } from './core-report.functions.js';
export { canonicalEventName, pinEventName } from './event-tree.functions.js';
export { validEventNames } from './handlers.functions.js';
export type { SpanChannel } from './registry.state.js';
export {
  callMetadataCallback,
  createSpanChannel,
  isChannelActive,
  runSpan,
  spanSubscriptions,
  type ErrorClassifier,
} from './span.function.js';
