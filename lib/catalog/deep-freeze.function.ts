/**
 * Freezes `value` and every array or object reachable from it, so that catalog data handed out
 * by reference cannot be changed by a caller.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
