import { createMetadataPolicy } from '@sigra/nestjs-telemetry';
import type { BenchRow } from './bench-row.types.js';
import { row } from './row.js';

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
 * The metadata policy against a fixed peer, a plain copy of the same metadata, in the same run:
 * the policy also hands out a copy, so the difference is the checking. Side `bare`: these rows
 * measure a building block, not an instrumented call, and stay out of the peer comparisons.
 */
export function policyRows(): BenchRow[] {
  return [
    row('policy-copy', 'plain copy of `{ user_id, method, ip }`', 'sync', 'bare', (i) => ({
      ...typical(i),
    })),
    row(
      'policy-typical',
      'metadata policy on `{ user_id, method, ip }`',
      'sync',
      'bare',
      (i) => sanitize(typical(i)),
      'policy-copy-sync',
    ),
    row('policy-copy-8', 'plain copy of 8 ordinary strings', 'sync', 'bare', (i) => ({
      ...eightStrings(i),
    })),
    row(
      'policy-8-strings',
      'metadata policy on 8 ordinary strings (neutral keys)',
      'sync',
      'bare',
      (i) => sanitize(eightStrings(i)),
      'policy-copy-8-sync',
    ),
  ];
}
