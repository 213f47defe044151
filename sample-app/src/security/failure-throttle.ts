import { ExpiringMap } from './expiring-map.js';
import { MAX_TRACKED_KEYS } from './security.constants.js';

/** Settings of a `FailureThrottle`. */
export interface FailureThrottleOptions {
  /** Failures in a row that lock the key. */
  readonly threshold: number;
  /** The first lock's length; each further lock of the key doubles it. */
  readonly lockMs: number;
  /** The longest lock; also how long a key's failures and locks are remembered. */
  readonly maxLockMs: number;
}

/** What `FailureThrottle.fail` reports. */
export interface FailureResult {
  /** True when this failure reached the threshold and locked the key. */
  readonly lockedNow: boolean;
  /** Failures left before the lock. */
  readonly remaining: number;
  /** Milliseconds the key is locked for (0 when not locked). */
  readonly lockedForMs: number;
}

interface FailureRecord {
  failures: number;
  /** Locks so far: the next one lasts `lockMs · 2^locks`. */
  locks: number;
  lockedUntil: number;
}

/**
 * Counts failures per key and locks the key once `threshold` is reached, for longer after each
 * lock, so that the guessing budget shrinks instead of renewing forever: the mechanism behind the
 * password lockout and the MFA lockout. Memory is bounded (see `ExpiringMap`).
 */
export class FailureThrottle<K> {
  private readonly records: ExpiringMap<K, FailureRecord>;

  constructor(private readonly options: FailureThrottleOptions) {
    this.records = new ExpiringMap(options.maxLockMs, MAX_TRACKED_KEYS);
  }

  /** Milliseconds the key stays locked, 0 when it is not. */
  lockedForMs(key: K, now: number): number {
    return Math.max(0, (this.records.get(key, now)?.lockedUntil ?? 0) - now);
  }

  /** Records one failure at `now`. */
  fail(key: K, now: number): FailureResult {
    const record = this.records.get(key, now) ?? { failures: 0, locks: 0, lockedUntil: 0 };
    // A lock that has run out leaves a fresh count of failures, but the number of locks stays.
    if (record.lockedUntil !== 0 && record.lockedUntil <= now) {
      record.failures = 0;
      record.lockedUntil = 0;
    }
    record.failures++;
    const remaining = Math.max(0, this.options.threshold - record.failures);
    if (remaining === 0) {
      const lockedForMs = Math.min(this.options.lockMs * 2 ** record.locks, this.options.maxLockMs);
      record.locks++;
      record.lockedUntil = now + lockedForMs;
      this.records.set(key, record, now);
      return { lockedNow: true, remaining, lockedForMs };
    }
    this.records.set(key, record, now);
    return { lockedNow: false, remaining, lockedForMs: 0 };
  }

  /** Failures left before the lock. */
  remaining(key: K, now: number): number {
    return Math.max(0, this.options.threshold - (this.records.get(key, now)?.failures ?? 0));
  }

  /** Forgets the key (a success); returns how many failures there were since the last lock. */
  reset(key: K, now: number): number {
    const failures = this.records.get(key, now)?.failures ?? 0;
    this.records.delete(key);
    return failures;
  }

  /** Forgets every key `matches` accepts. */
  resetWhere(matches: (key: K) => boolean): void {
    this.records.deleteWhere(matches);
  }
}
