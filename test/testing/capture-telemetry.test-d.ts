import { describe, expectTypeOf, it } from 'vitest';
import type { UserId } from '../../lib/index.js';
import { captureTelemetry } from '../../lib/testing/index.js';

describe('captureTelemetry types', () => {
  it('gives each captured event its name as a readonly array', () => {
    const capture = captureTelemetry([['sigra', 'reset', 'requested']]);
    expectTypeOf(capture.events[0]!.event).toEqualTypeOf<readonly string[]>();
  });

  it('types captured metadata from the catalog', () => {
    const capture = captureTelemetry([['sigra', 'mfa', 'lockout']]);
    expectTypeOf<(typeof capture.events)[number]['metadata']['user_id']>().toEqualTypeOf<
      UserId | undefined
    >();
  });
});
