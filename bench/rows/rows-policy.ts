import { createMetadataPolicy } from '@sigra/nestjs-telemetry/policy';
import type { BenchRow } from '../harness/bench-row.types.js';
import { row } from '../harness/row.js';

const sanitize = createMetadataPolicy();

/** The bench's typical metadata. */
function typical(i: number) {
  return { user_id: i, method: 'totp', ip: '203.0.113.7' };
}

/** Eight ordinary strings of 20 to 30 characters under neutral keys: the per-string cost. */
function eightStrings(i: number) {
  return {
    a: 'password_reset_requested',
    b: 'Mozilla/5.0 (X11; Linux)',
    c: `/api/v1/users/${i}`,
    d: 'invalid_credentials',
    e: '2026-12-01T17:16:51.123Z',
    f: 'github',
    g: 'remember_me',
    h: 'login:ip:203.0.113.7',
  };
}

/**
 * Two rows: a plain copy of the metadata `make` builds (the peer), and the policy on the same
 * metadata, measured against that copy.
 */
function againstCopy(key: string, what: string, make: (i: number) => object): BenchRow[] {
  return [
    row(`${key}-copy`, `plain copy of ${what}`, 'sync', 'bare', (i) => ({ ...make(i) })),
    row(
      `${key}-policy`,
      `metadata policy on ${what}`,
      'sync',
      'bare',
      (i) => sanitize(make(i) as Record<string, unknown>),
      `${key}-copy-sync`,
    ),
  ];
}

/**
 * The metadata policy against a fixed peer, a plain copy of the same metadata, in the same run:
 * the policy also hands out a copy, so the difference is the checking. Side `bare`: these rows
 * measure a building block, not an instrumented call, and stay out of the peer comparisons.
 */
export function policyRows(): BenchRow[] {
  return [
    ...againstCopy('typical', '`{ user_id, method, ip }`', typical),
    ...againstCopy('strings', '8 ordinary strings (neutral keys)', eightStrings),
  ];
}
