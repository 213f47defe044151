/**
 * Sets an own data property on a copy under construction. `defineProperty` rather than `=` so a
 * `__proto__` key stays a plain property and no setter on the copy's prototype chain runs.
 */
export function defineValue(
  target: object,
  key: PropertyKey,
  value: unknown,
  enumerable = true,
): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable, configurable: true });
}

/**
 * A shallow copy that keeps the source's prototype (`{}` for a plain object, the class for an
 * instance, `Error` for an error) and, as they are, its non-enumerable and symbol-keyed own
 * properties (an error's `name`, `message`, `stack`). Enumerable string-keyed properties are the
 * caller's to add: it has just inspected them.
 */
export function copyShell(source: object): Record<PropertyKey, unknown> {
  const copy = Object.create(Object.getPrototypeOf(source)) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(source)) {
    const descriptor = Object.getOwnPropertyDescriptor(source, key);
    if (descriptor === undefined || (typeof key === 'string' && descriptor.enumerable)) continue;
    // Configurable even when the source is frozen, so the walk may still replace `cause`.
    Object.defineProperty(copy, key, { ...descriptor, configurable: true });
  }
  return copy;
}
