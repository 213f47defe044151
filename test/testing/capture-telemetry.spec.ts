import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { listHandlers, SigraSpan, SigraTelemetryService } from '../../lib/index.js';
import { captureTelemetry, SigraTelemetryTestingModule } from '../../lib/testing/index.js';
import { closeAppsAfterEach } from '../support/nest.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();
const { track, close } = closeAppsAfterEach();

@Injectable()
class PasswordResets {
  constructor(private readonly telemetry: SigraTelemetryService) {}

  request(userId: number) {
    this.telemetry.event(['sigra', 'reset', 'requested'], {}, { user_id: userId });
  }

  leak(password: string) {
    this.telemetry.event(['sigra', 'reset', 'completed'], {}, { user_id: 1, password } as never);
  }

  @SigraSpan(['sigra', 'auth', 'logout'])
  async logout() {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function boot() {
  const moduleRef = await Test.createTestingModule({
    imports: [SigraTelemetryTestingModule.forRoot()],
    providers: [PasswordResets],
  }).compile();
  track(moduleRef);
  await moduleRef.init();
  return moduleRef;
}

describe('captureTelemetry', () => {
  it('collects events in order, and detach stops it', async () => {
    const app = await boot();
    const capture = captureTelemetry([
      ['sigra', 'reset', 'requested'],
      ['sigra', 'auth', 'logout', 'start'],
      ['sigra', 'auth', 'logout', 'stop'],
    ]);
    app.get(PasswordResets).request(3);
    await app.get(PasswordResets).logout();
    expect(capture.names()).toEqual([
      'sigra.reset.requested',
      'sigra.auth.logout.start',
      'sigra.auth.logout.stop',
    ]);
    expect(capture.events[0]?.metadata).toEqual({ user_id: 3 });

    capture.clear();
    expect(capture.events).toEqual([]);
    capture.detach();
    capture.detach();
    app.get(PasswordResets).request(4);
    expect(capture.events).toEqual([]);
  });

  it('waitFor resolves with an event already captured or with the next one', async () => {
    const app = await boot();
    const capture = captureTelemetry([
      ['sigra', 'reset', 'requested'],
      ['sigra', 'auth', 'logout', 'stop'],
    ]);
    app.get(PasswordResets).request(9);
    await expect(capture.waitFor(['sigra', 'reset', 'requested'])).resolves.toMatchObject({
      metadata: { user_id: 9 },
    });
    void app.get(PasswordResets).logout();
    const stop = await capture.waitFor(['sigra', 'auth', 'logout', 'stop']);
    expect(stop.measurements).toMatchObject({ duration: expect.any(Number) });
    capture.detach();
  });

  it('waitFor rejects after the timeout, saying what was captured', async () => {
    const capture = captureTelemetry([['sigra', 'reset', 'requested']]);
    await expect(capture.waitFor(['sigra', 'reset', 'requested'], 20)).rejects.toThrow(
      'waitFor: no sigra.reset.requested event within 20 ms; captured: [].',
    );
    capture.detach();
  });
});

describe('SigraTelemetryTestingModule', () => {
  it('is global, logs nothing, and fails a test that puts a secret in metadata', async () => {
    const app = await boot();
    expect(app.get(SigraTelemetryService).listHandlers([])).toEqual([]);
    const capture = captureTelemetry([['sigra', 'reset', 'completed']]);
    expect(() => app.get(PasswordResets).leak('hunter2')).toThrow(/password/);
    expect(capture.events).toEqual([]);
    capture.detach();
    await close(app);
    expect(listHandlers([])).toEqual([]);
  });
});
