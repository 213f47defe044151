import type { EventName, Metadata } from '../core/index.js';
import type { DashboardFeedEntry } from './dashboard-wire.types.js';

/** Keys shown per entry, and characters per value: an entry's size is bounded. */
const MAX_KEYS = 20;
const MAX_TEXT = 200;

type FeedValue = DashboardFeedEntry['metadata'][string];

function shorten(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** A metadata value as the page shows it; nested values are summarised, never walked. */
function feedValue(value: unknown): FeedValue {
  switch (typeof value) {
    case 'string':
      return shorten(value);
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return String(value);
    case 'undefined':
      return null;
    default:
      if (value === null) return null;
      if (Array.isArray(value)) return `[array of ${value.length}]`;
      return typeof value === 'object' ? '[object]' : `[${typeof value}]`;
  }
}

/**
 * The latest security signals, as their handlers received them: the metadata policy has already
 * run, so redacted values arrive redacted. Keeps `size` entries; older ones fall off.
 */
export class DashboardFeed {
  private readonly entries: DashboardFeedEntry[] = [];
  private seq = 0;
  private sentSeq = 0;

  constructor(
    private readonly size: number,
    private readonly clock: () => number = Date.now,
  ) {}

  record(event: EventName, metadata: Metadata): void {
    const shown: Record<string, FeedValue> = {};
    let keys = 0;
    for (const key in metadata) {
      if (!Object.hasOwn(metadata, key)) continue;
      if (keys++ === MAX_KEYS) break;
      shown[shorten(key)] = feedValue(metadata[key]);
    }
    this.entries.push({
      seq: ++this.seq,
      time: this.clock(),
      event: event.join('.'),
      metadata: shown,
    });
    if (this.entries.length > this.size) this.entries.shift();
  }

  /** Every entry kept, oldest first. */
  all(): DashboardFeedEntry[] {
    return [...this.entries];
  }

  /** The entries recorded since the previous call. */
  takeUpdate(): DashboardFeedEntry[] {
    const fresh = this.entries.filter((entry) => entry.seq > this.sentSeq);
    this.sentSeq = this.seq;
    return fresh;
  }
}
