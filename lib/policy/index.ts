export { createMetadataPolicy } from './metadata-policy.function.js';
export { MetadataPolicyError } from './metadata-policy.errors.js';
export {
  MAX_METADATA_DEPTH,
  MAX_METADATA_ENTRIES,
  MAX_METADATA_STRING_LENGTH,
} from './metadata-policy.constants.js';
export { CIRCULAR, REDACTED, TRUNCATED, UNREADABLE } from '../shared/metadata-markers.constants.js';
export type {
  MetadataPolicyMode,
  MetadataPolicyOptions,
  MetadataSanitizer,
} from './metadata-policy.types.js';
