import { CIRCULAR, TRUNCATED } from './metadata-markers.constants.js';

/**
 * Why a walk does not enter a container, if it does not: {@link TRUNCATED} past `maxDepth`,
 * {@link CIRCULAR} when the container is one of its own `ancestors` (the containers on the path
 * from the root to it). Every walk over metadata (the policy's copy, the default logger's lines)
 * marks what it leaves out the same way.
 */
export function walkMarker(
  value: object,
  depth: number,
  maxDepth: number,
  ancestors: readonly object[],
): typeof CIRCULAR | typeof TRUNCATED | undefined {
  if (depth > maxDepth) return TRUNCATED;
  return ancestors.includes(value) ? CIRCULAR : undefined;
}
