/** What `AttemptCounter.fail` reports. */
export interface FailureResult {
  /** True when this failure reached the threshold and locked the key. */
  readonly lockedNow: boolean;
  /** Failures left before the lock. */
  readonly remaining: number;
}

/**
 * Counts failures per key and locks the key for `lockMs` once `threshold` is reached: the
 * mechanism behind the password lockout and the MFA lockout.
 */
export class AttemptCounter {
  private readonly records = new Map<number, { failures: number; lockedUntil?: number }>();

  constructor(
    readonly threshold: number,
    private readonly lockMs: number,
  ) {}

  /** True while the key is locked; an expired lock is forgotten along with its failures. */
  isLocked(key: number, now = Date.now()): boolean {
    const lockedUntil = this.records.get(key)?.lockedUntil;
    if (lockedUntil === undefined) return false;
    if (now < lockedUntil) return true;
    this.records.delete(key);
    return false;
  }

  /** Records one failure. */
  fail(key: number, now = Date.now()): FailureResult {
    const record = this.records.get(key) ?? { failures: 0 };
    record.failures++;
    this.records.set(key, record);
    const remaining = Math.max(0, this.threshold - record.failures);
    if (remaining > 0) return { lockedNow: false, remaining };
    record.lockedUntil = now + this.lockMs;
    return { lockedNow: true, remaining };
  }

  /** Failures left before the lock. */
  remaining(key: number): number {
    return Math.max(0, this.threshold - (this.records.get(key)?.failures ?? 0));
  }

  /** Forgets the key's failures and lock; returns how many failures there were. */
  reset(key: number): number {
    const failures = this.records.get(key)?.failures ?? 0;
    this.records.delete(key);
    return failures;
  }
}
