import { PerformanceObserver } from 'node:perf_hooks';

/** Runs a full garbage collection; the bench runs with `--expose-gc`. */
export function collectGarbage(): void {
  if (typeof globalThis.gc !== 'function') {
    throw new Error('Run with node --expose-gc (npm run bench does).');
  }
  globalThis.gc();
  globalThis.gc();
}

/** Counts garbage collections as V8 reports them, to reject a window in which one ran. */
export class GcCounter {
  private count = 0;
  private readonly observer = new PerformanceObserver((list) => {
    this.count += list.getEntries().length;
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Collections seen so far (entries arrive asynchronously: await a tick before reading). */
  get seen(): number {
    return this.count;
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/** Lets queued performance entries reach their observers. */
export function settleEntries(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}
