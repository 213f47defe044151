import type { EventName } from '../shared/telemetry.types.js';
import type { CATALOG, UNCATALOGUED } from './catalog.data.js';
import { EVENT_RECORDS } from './event-records.data.js';

/**
 * The category of a Sigra event: its second segment, e.g. `'auth'`, `'security'`, `'mfa'`,
 * `'api_token'`, `'email_change'`, `'password'` or `'account'`. Uncatalogued events add
 * `'audit'` and `'passkeys'`.
 * @publicApi
 */
export type SigraCategory = (typeof CATALOG | typeof UNCATALOGUED)[number]['name'][1];

const CATEGORIES: ReadonlySet<string> = new Set(EVENT_RECORDS.map((record) => record.category));

/**
 * Returns the category of a Sigra event name, the unit the default logger's `filter` option
 * selects by. Any name under a known category is accepted, listed or not.
 *
 * @throws RangeError when `eventName` does not start with `'sigra'` and a known category.
 * @example
 * eventCategory(['sigra', 'mfa', 'verify', 'stop']); // 'mfa'
 * @publicApi
 */
export function eventCategory(eventName: EventName): SigraCategory {
  const [root, category] = Array.isArray(eventName) ? eventName : [];
  if (root !== 'sigra' || category === undefined || !CATEGORIES.has(category)) {
    throw new RangeError(`Not a Sigra event name: ${JSON.stringify(eventName)}`);
  }
  return category as SigraCategory;
}
