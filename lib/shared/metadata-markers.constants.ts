/**
 * Replaces a forbidden value in `'redact'` mode.
 * @publicApi
 */
export const REDACTED = '[REDACTED]';

/**
 * Replaces a reference back to an object that contains it, even in clean metadata: in a copy, a
 * back-reference would lead to the original, unsanitized object.
 * @publicApi
 */
export const CIRCULAR = '[Circular]';

/**
 * Replaces what lies beyond {@link MAX_METADATA_DEPTH} or {@link MAX_METADATA_ENTRIES}: it was
 * not inspected, so it cannot be passed on.
 * @publicApi
 */
export const TRUNCATED = '[Truncated]';

/** Replaces a value whose getter (or proxy trap) threw. @publicApi */
export const UNREADABLE = '[Unreadable]';

/**
 * Containers (objects, arrays, Maps, Sets, Errors) nested deeper than this under the metadata
 * are replaced with {@link TRUNCATED}. Sigra's own metadata is one level deep; an HTTP client
 * error with its request config and headers is about five.
 * @publicApi
 */
export const MAX_METADATA_DEPTH = 32;

/**
 * Properties, elements and entries inspected per emission; past this, values are replaced with
 * {@link TRUNCATED}, so one huge object cannot stall the code that emits the event.
 * @publicApi
 */
export const MAX_METADATA_ENTRIES = 10_000;

/**
 * Strings longer than this are cut to this length, their end replaced with {@link TRUNCATED},
 * before they are inspected: the work per string is bounded whatever its length.
 * @publicApi
 */
export const MAX_METADATA_STRING_LENGTH = 16_384;
