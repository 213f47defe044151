import { trace } from '@opentelemetry/api';
import { firstValueFrom, of } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { execute, span } from '../../lib/index.js';
import { attachOpenTelemetry } from '../../lib/opentelemetry/index.js';

// No SDK is registered in this file: the API answers with its no-op tracer.
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('attachOpenTelemetry without an SDK', () => {
  it('does nothing visible: values, errors and Observables pass through, no active span appears', async () => {
    stops.push(attachOpenTelemetry({ signals: 'span-events-or-spans' }));
    expect(
      span(['sigra', 'auth', 'login'], {}, () => trace.getActiveSpan()?.isRecording() ?? false),
    ).toBe(false);
    await expect(span(['sigra', 'auth', 'login'], {}, async () => 'ok')).resolves.toBe('ok');
    const failure = new Error('kept');
    expect(() =>
      span(['sigra', 'auth', 'login'], {}, () => {
        throw failure;
      }),
    ).toThrow(failure);
    expect(await firstValueFrom(span(['sigra', 'auth', 'login'], {}, () => of(3)))).toBe(3);
    expect(() =>
      execute(['sigra', 'security', 'lockout'], {}, { user_id: 1 } as never),
    ).not.toThrow();
  });
});
