import type { Clock } from '../../../sample-app/src/clock/clock.js';

/** A clock that stands still until the test moves it: TTLs without sleeping. */
export class ManualClock implements Clock {
  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    this.time += ms;
  }
}
