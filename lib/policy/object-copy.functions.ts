const ERROR_ACCESSED = ['name', 'message', 'stack', 'code'];

/**
 * The prototype for an error's copy: the error's own (so `instanceof` and methods still work),
 * unless that prototype reads `name`, `message`, `stack` or `code` through accessors bound to the
 * original's internal slots (`DOMException`: its getters throw `ERR_INVALID_THIS` on any other
 * object). Then `Error.prototype`, and the copy holds those fields as own values.
 */
export function errorCopyPrototype(error: object): object {
  const own = Object.getPrototypeOf(error) as object;
  for (let prototype = own; prototype !== Error.prototype;) {
    for (const key of ERROR_ACCESSED) {
      if (Object.getOwnPropertyDescriptor(prototype, key)?.get !== undefined) {
        return Error.prototype;
      }
    }
    const next = Object.getPrototypeOf(prototype) as object | null;
    if (next === null) return Error.prototype;
    prototype = next;
  }
  return own;
}

/**
 * An empty native error with the given prototype: `util.types.isNativeError`, `instanceof` and
 * loggers treat it as the error it copies. It has no own `stack` or `message` until the walk
 * defines the sanitized ones.
 */
export function emptyErrorCopy(prototype: object): Record<string, unknown> {
  const copy = new Error() as unknown as Record<string, unknown>;
  delete copy.stack;
  Object.setPrototypeOf(copy, prototype);
  return copy;
}
