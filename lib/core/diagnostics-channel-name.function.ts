import type { EventName } from '../shared/telemetry.types.js';

/**
 * The `diagnostics_channel` name of an event name or span prefix: its segments joined by dots,
 * in the `sigra` namespace (`['sigra', 'auth', 'login']` → `sigra.auth.login`,
 * `['billing', 'charge']` → `sigra.billing.charge`), so that our channels never collide with
 * another library's. Spans publish on `tracing:<this name>:*`, signals on the name itself.
 * @publicApi
 */
export function diagnosticsChannelName(name: EventName): string {
  const joined = name.join('.');
  return name[0] === 'sigra' ? joined : `sigra.${joined}`;
}
