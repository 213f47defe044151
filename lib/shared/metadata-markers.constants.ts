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
 * Replaces what lies beyond `MAX_METADATA_DEPTH` or `MAX_METADATA_ENTRIES` (see the policy): it was
 * not inspected, so it cannot be passed on.
 * @publicApi
 */
export const TRUNCATED = '[Truncated]';

/** Replaces a value whose getter (or proxy trap) threw. @publicApi */
export const UNREADABLE = '[Unreadable]';
