/** Where the app reads the time: every TTL, lock and rate-limit window goes through it. */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
}

/** Injection token of the `Clock` (tests bind a clock they move by hand). */
export const CLOCK = Symbol('CLOCK');

/** The real time. */
export const systemClock: Clock = { now: () => Date.now() };
