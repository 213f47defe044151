/**
 * Containers (objects, arrays, Maps, Sets, Errors) nested deeper than this under the metadata
 * are replaced with `TRUNCATED`. Sigra's own metadata is one level deep; an HTTP client
 * error with its request config and headers is about five.
 * @publicApi
 */
export const MAX_METADATA_DEPTH = 32;

/**
 * Properties, elements and entries inspected per emission; past this, values are replaced with
 * `TRUNCATED`, so one huge object cannot stall the code that emits the event.
 * @publicApi
 */
export const MAX_METADATA_ENTRIES = 10_000;

/**
 * Strings longer than this are cut to this length, their end replaced with `TRUNCATED`,
 * before they are inspected: the work per string is bounded whatever its length.
 * @publicApi
 */
export const MAX_METADATA_STRING_LENGTH = 16_384;
