/** A key that reads as a bare JavaScript identifier: `user_id`, not `odd key`. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Whether `key` can be shown bare (`.user_id`, `user_id: 1`) rather than quoted
 * (`["odd key"]`, `"odd key": 1`).
 */
export function isIdentifierKey(key: string): boolean {
  return IDENTIFIER.test(key);
}

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
