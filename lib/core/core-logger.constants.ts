/**
 * Where the core reports what it must not throw at the emitter: failed handlers and failed
 * metadata callbacks. Console by default; the Nest module routes it through Nest's `Logger`.
 * @publicApi
 */
export interface CoreLogger {
  error(message: string, error?: unknown): void;
}

/** The default core logger: `console.error`. @publicApi */
export const consoleCoreLogger: CoreLogger = {
  error: (message, error) => console.error(message, error),
};
