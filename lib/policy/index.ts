export { createMetadataPolicy } from './metadata-policy.js';
export { MetadataPolicyError } from './metadata-policy.errors.js';
export {
  CIRCULAR,
  MAX_METADATA_DEPTH,
  MAX_METADATA_ENTRIES,
  MAX_METADATA_STRING_LENGTH,
  REDACTED,
  TRUNCATED,
  UNREADABLE,
} from './metadata-policy.constants.js';
export type {
  MetadataPolicyMode,
  MetadataPolicyOptions,
  MetadataSanitizer,
} from './metadata-policy.types.js';
