/**
 * A Map whose entries expire `ttlMs` after they were last set, holding at most `maxEntries`.
 * Setting a key moves it to the end, so the Map's own order is the order of last setting: expired
 * entries, and the oldest ones past the cap, are dropped from the front, each in O(1), as a side
 * effect of `set`. No timer, no full scan per request, however many keys have been seen.
 */
export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { value: V; setAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  /** The value set for `key` less than `ttlMs` before `now`, if any. */
  get(key: K, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (now - entry.setAt < this.ttlMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Sets `key` as of `now`, then drops what has expired or is over the cap. */
  set(key: K, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, setAt: now });
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - entry.setAt < this.ttlMs) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Deletes every key `matches` accepts. */
  deleteWhere(matches: (key: K) => boolean): void {
    for (const key of this.entries.keys()) if (matches(key)) this.entries.delete(key);
  }

  /** How many keys are held, expired ones not yet dropped included. */
  get size(): number {
    return this.entries.size;
  }
}
