import 'reflect-metadata';
import { Controller, Injectable, Module, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import {
  attach,
  listHandlers,
  SigraTelemetryModule,
  SigraTelemetryService,
} from '../../lib/index.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

let app: INestApplication | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

@Injectable()
class LockoutService {
  constructor(readonly telemetry: SigraTelemetryService) {}

  lockOut(userId: number): void {
    const metadata = { user_id: userId, ip: '127.0.0.1', reason: 'threshold_reached' } as const;
    this.telemetry.event(['sigra', 'security', 'lockout'], {}, metadata);
  }
}

@Controller('lockouts')
class LockoutController {
  constructor(private readonly lockouts: LockoutService) {}

  @Post()
  create(): { ok: true } {
    this.lockouts.lockOut(7);
    return { ok: true };
  }
}

/** The documented feature pattern: the feature module imports the bare module. */
@Module({
  imports: [SigraTelemetryModule],
  controllers: [LockoutController],
  providers: [LockoutService],
})
class ImportingFeatureModule {}

/** The global pattern: the feature module imports nothing. */
@Module({ controllers: [LockoutController], providers: [LockoutService] })
class PlainFeatureModule {}

async function serve(imports: unknown[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: imports as never[] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}

function recordLockouts(): number[] {
  const seen: number[] = [];
  attach('lockouts', ['sigra', 'security', 'lockout'], (_, __, metadata) => {
    seen.push(metadata.user_id as number);
  });
  return seen;
}

describe('a feature module', () => {
  it.each([
    ['imports the bare SigraTelemetryModule', ImportingFeatureModule],
    ['imports nothing', PlainFeatureModule],
  ])(
    '%s under forRoot({ isGlobal: true }): it gets the root service, over HTTP',
    async (_, feature) => {
      const seen = recordLockouts();
      const served = await serve([
        SigraTelemetryModule.forRoot({ isGlobal: true, logger: false }),
        feature,
      ]);
      await request(served.getHttpServer()).post('/lockouts').expect(201, { ok: true });
      expect(seen).toEqual([7]);
      expect(served.get(LockoutService).telemetry).toBe(served.get(SigraTelemetryService));
    },
  );

  it('imports the bare module under forRootAsync({ isGlobal: true }) too', async () => {
    const served = await serve([
      SigraTelemetryModule.forRootAsync({ isGlobal: true, useFactory: () => ({ logger: false }) }),
      ImportingFeatureModule,
    ]);
    expect(served.get(LockoutService).telemetry).toBe(served.get(SigraTelemetryService));
  });

  it('initialises the root service once, however many modules import the bare module', async () => {
    @Module({ imports: [SigraTelemetryModule] })
    class OtherFeature {}
    const served = await serve([
      SigraTelemetryModule.forRoot({ isGlobal: true }),
      ImportingFeatureModule,
      OtherFeature,
    ]);
    expect(served.get(SigraTelemetryService).listHandlers([])).toHaveLength(90);
    await served.close();
    app = undefined;
    expect(listHandlers([])).toEqual([]);
  });

  it('imports the bare module without a global configuration: boot fails saying what to write', async () => {
    await expect(
      serve([SigraTelemetryModule.forRoot({ logger: false }), ImportingFeatureModule]),
    ).rejects.toThrow(
      /SigraTelemetryModule is imported without configuration, and no global configuration exists\. Configure it once in the root module with SigraTelemetryModule\.forRoot\(\{ isGlobal: true \}\)/,
    );
    await expect(serve([ImportingFeatureModule])).rejects.toThrow(
      /forRoot\(\{ isGlobal: true \}\)/,
    );
    expect(listHandlers([])).toEqual([]);
  });
});

describe('forRoot and forRootAsync refuse malformed options at once, naming them', () => {
  it.each([
    [
      () => SigraTelemetryModule.forRoot(null as never),
      /forRoot: options must be an object such as \{ logger: \{ level: "log" \} \}, or nothing; got null/,
    ],
    [
      () => SigraTelemetryModule.forRoot([] as never),
      /forRoot: options must be an object .*; got an array of 0 elements/,
    ],
    [
      () => SigraTelemetryModule.forRoot({ isGlobal: 'yes' as never }),
      /forRoot: option isGlobal must be true or false; got a string of 3 characters/,
    ],
    [
      () => SigraTelemetryModule.forRootAsync({ isGlobal: 1 as never, useFactory: () => ({}) }),
      /forRootAsync: option isGlobal must be true or false; got 1/,
    ],
    [
      () => SigraTelemetryModule.forRootAsync(null as never),
      /forRootAsync: options must be an object such as \{ useFactory: .*; got null/,
    ],
  ])('%#', (call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it.each([
    [{ logger: null }, /option logger must be false or an object .*; got null/],
    [
      { logger: { events: [['sigra', '']] } },
      /SigraTelemetryModule: option logger.events\[0\] must be a non-empty array/,
    ],
    [{ logger: { events: 'auth' } }, /SigraTelemetryModule: option logger.events must be an array/],
  ])('%o fails at boot', async (options, message) => {
    await expect(serve([SigraTelemetryModule.forRoot(options as never)])).rejects.toThrow(message);
    expect(listHandlers([])).toEqual([]);
  });
});
