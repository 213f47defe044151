import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_LOGGER_HANDLER_ID,
  detach,
  execute,
  getMetadataPolicy,
  listHandlers,
  loggedEvents,
  SigraTelemetryModule,
  SigraTelemetryService,
  type SigraTelemetryModuleOptions,
} from '../../lib/index.js';
import { closeAppsAfterEach } from '../support/nest.js';
import { detachAllAfterEach } from '../support/registry.js';

const DEFAULT_LOGGER_EVENT_COUNT = 90;

detachAllAfterEach();
const { track, close } = closeAppsAfterEach();

@Injectable()
class AuthService {
  constructor(readonly telemetry: SigraTelemetryService) {}
}

@Module({ providers: [AuthService] })
class AuthModule {}

async function boot(imports: unknown[]) {
  const moduleRef = await Test.createTestingModule({ imports: imports as never[] }).compile();
  track(moduleRef);
  await moduleRef.init();
  return moduleRef;
}

describe('SigraTelemetryModule.forRoot', () => {
  it("provides the service and attaches the default logger to the 64 logged events and every span's stop and exception", async () => {
    const app = await boot([SigraTelemetryModule.forRoot()]);
    const service = app.get(SigraTelemetryService);
    const handlers = service.listHandlers([]);
    // 64 logged events, then the 2 span stops and 24 span exceptions they leave out.
    expect(handlers).toHaveLength(DEFAULT_LOGGER_EVENT_COUNT);
    expect(new Set(handlers.map((h) => h.id))).toEqual(new Set([DEFAULT_LOGGER_HANDLER_ID]));
    expect(handlers.slice(0, 64).map((h) => h.eventName)).toEqual(loggedEvents());
    expect(new Set(handlers.slice(64).map((h) => h.eventName.at(-1)))).toEqual(
      new Set(['stop', 'exception']),
    );
  });

  it('attaches no logger with logger: false', async () => {
    const app = await boot([SigraTelemetryModule.forRoot({ logger: false })]);
    expect(app.get(SigraTelemetryService).listHandlers([])).toEqual([]);
  });

  it('is not global by default: a feature module cannot inject the service', async () => {
    await expect(boot([SigraTelemetryModule.forRoot(), AuthModule])).rejects.toThrow(
      /SigraTelemetryService/,
    );
  });

  it('is global with isGlobal: true', async () => {
    const app = await boot([SigraTelemetryModule.forRoot({ isGlobal: true }), AuthModule]);
    expect(app.get(AuthService).telemetry).toBe(app.get(SigraTelemetryService));
  });

  it('applies the metadata policy to the process and restores the previous one on close', async () => {
    const before = getMetadataPolicy();
    const app = await boot([
      SigraTelemetryModule.forRoot({ logger: false, metadataPolicy: { mode: 'strict' } }),
    ]);
    expect(getMetadataPolicy()).toEqual({ mode: 'strict' });
    expect(() => execute(['sigra', 'x'], {}, { password: 'hunter2' })).not.toThrow();
    app.get(SigraTelemetryService).attach('h', ['sigra', 'x'], () => undefined);
    expect(() => execute(['sigra', 'x'], {}, { password: 'hunter2' })).toThrow(/password/);
    await close(app);
    expect(getMetadataPolicy()).toBe(before);
  });
});

@Injectable()
class TelemetryConfig {
  createSigraTelemetryOptions(): SigraTelemetryModuleOptions {
    return { logger: { filter: ['security'] } };
  }
}

@Module({
  providers: [TelemetryConfig, { provide: 'LOGGER_LEVEL', useValue: 'debug' }],
  exports: [TelemetryConfig, 'LOGGER_LEVEL'],
})
class ConfigModule {}

describe('SigraTelemetryModule.forRootAsync', () => {
  it('takes options from useFactory with imports and inject', async () => {
    const app = await boot([
      SigraTelemetryModule.forRootAsync({
        imports: [ConfigModule],
        inject: ['LOGGER_LEVEL'],
        useFactory: (level: 'debug') => ({ logger: { level, filter: ['auth'] } }),
      }),
    ]);
    const events = app
      .get(SigraTelemetryService)
      .listHandlers([])
      .map((h) => h.eventName.join('.'));
    expect(events).toEqual([
      'sigra.auth.login.stop',
      'sigra.auth.logout.stop',
      'sigra.auth.register.stop',
      'sigra.auth.login.exception',
      'sigra.auth.logout.exception',
      'sigra.auth.register.exception',
    ]);
  });

  it('takes options from useClass and from useExisting', async () => {
    for (const source of [
      { useClass: TelemetryConfig },
      { imports: [ConfigModule], useExisting: TelemetryConfig },
    ]) {
      const app = await boot([SigraTelemetryModule.forRootAsync(source)]);
      const categories = app
        .get(SigraTelemetryService)
        .listHandlers([])
        .map((h) => h.eventName[1]);
      expect(new Set(categories)).toEqual(new Set(['security']));
      await close(app);
    }
  });

  it('is global with forRootAsync({ isGlobal: true })', async () => {
    const app = await boot([
      SigraTelemetryModule.forRootAsync({ isGlobal: true, useFactory: () => ({ logger: false }) }),
      AuthModule,
    ]);
    expect(app.get(AuthService).telemetry).toBeInstanceOf(SigraTelemetryService);
  });

  it('is not global with forRootAsync() alone', async () => {
    await expect(
      boot([SigraTelemetryModule.forRootAsync({ useFactory: () => ({}) }), AuthModule]),
    ).rejects.toThrow(/SigraTelemetryService/);
  });
});

describe('invalid options fail at boot, naming the option, the value and what is allowed', () => {
  it.each([
    [
      { logger: { level: 'loud' } },
      /option logger.level must be one of 'log', 'error', 'warn', 'debug', 'verbose', 'fatal'; got a string of 4 characters/,
    ],
    [
      { logger: { encode: 'xml' } },
      /option logger.encode must be one of 'text', 'json'; got a string of 3 characters/,
    ],
    [
      { logger: { filter: 'auth' } },
      /option logger.filter must be an array of categories .*; got a string of 4 characters/,
    ],
    [
      { logger: { filter: ['securty'] } },
      /option filter lists unknown category "securty"; known categories: auth, /,
    ],
    [
      { logger: { levle: 'warn' } },
      /option logger must be an object with only level, filter, encode, events, .* \(unknown option 'levle'\); got an object with keys levle/,
    ],
    [{ logger: true }, /option logger must be false or an object .*; got true/],
    [
      { metadataPolicy: { mode: 'loose' } },
      /option metadataPolicy is invalid: .*mode must be one of 'redact', 'strict', 'off'/,
    ],
    [
      { spanContextMetadata: 'user' },
      /option spanContextMetadata must be a function .*; got a string of 4 characters/,
    ],
    [
      { loger: false },
      /options must be an object with only logger, metadataPolicy, spanContextMetadata, .* \(unknown option 'loger'\); got an object with keys loger/,
    ],
  ])('%o', async (options, message) => {
    await expect(boot([SigraTelemetryModule.forRoot(options as never)])).rejects.toThrow(message);
    expect(listHandlers([])).toEqual([]);
  });

  it('from forRootAsync too', async () => {
    await expect(
      boot([
        SigraTelemetryModule.forRootAsync({
          useFactory: () => ({ logger: { level: 'x' } }) as never,
        }),
      ]),
    ).rejects.toThrow(/option logger.level must be one of .*; got a string of 1 character/);
  });
});

describe('lifecycle', () => {
  it('detaches everything the app attached, through the module and the service, on close', async () => {
    const app = await boot([SigraTelemetryModule.forRoot()]);
    const service = app.get(SigraTelemetryService);
    service.attach('mine', ['sigra', 'auth', 'login', 'stop'], () => undefined);
    service.attachMany(
      'many',
      [
        ['sigra', 'a'],
        ['sigra', 'b'],
      ],
      () => undefined,
    );
    expect(listHandlers([])).toHaveLength(DEFAULT_LOGGER_EVENT_COUNT + 3);
    await close(app);
    expect(listHandlers([])).toEqual([]);
  });

  it("two apps in one process do not see each other's handlers, and closing one keeps the other", async () => {
    const first = await boot([SigraTelemetryModule.forRoot()]);
    const second = await boot([SigraTelemetryModule.forRoot({ logger: false })]);
    const secondService = second.get(SigraTelemetryService);
    secondService.attach('second-only', ['sigra', 'x'], () => undefined);

    expect(
      new Set(
        first
          .get(SigraTelemetryService)
          .listHandlers([])
          .map((h) => h.id),
      ),
    ).toEqual(new Set([DEFAULT_LOGGER_HANDLER_ID]));
    expect(secondService.listHandlers([]).map((h) => h.id)).toEqual(['second-only']);

    await close(second);
    expect(listHandlers([])).toHaveLength(DEFAULT_LOGGER_EVENT_COUNT);
    await close(first);
    expect(listHandlers([])).toEqual([]);
  });

  it("closing an app leaves another app's handler that reuses a detached id", async () => {
    const first = await boot([SigraTelemetryModule.forRoot({ logger: false })]);
    const second = await boot([SigraTelemetryModule.forRoot({ logger: false })]);
    first.get(SigraTelemetryService).attach('shared-id', ['sigra', 'x'], () => {
      throw new Error('fails once, is detached');
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    execute(['sigra', 'x']);
    const survivor = vi.fn();
    expect(second.get(SigraTelemetryService).attach('shared-id', ['sigra', 'x'], survivor)).toBe(
      'ok',
    );
    expect(first.get(SigraTelemetryService).listHandlers([])).toEqual([]);
    await close(first);
    expect(listHandlers([]).map((h) => h.handler)).toEqual([survivor]);
  });

  it('100 create/close cycles leave listHandlers([]) exactly as it was', async () => {
    const { attach } = await import('../../lib/index.js');
    attach('outside-any-app', ['sigra', 'auth', 'login', 'stop'], () => undefined);
    const before = listHandlers([]);
    for (let i = 0; i < 100; i++) {
      const app = await boot([SigraTelemetryModule.forRoot()]);
      app.get(SigraTelemetryService).attach(`cycle-${i}`, ['sigra', 'x'], () => undefined);
      await close(app);
    }
    expect(listHandlers([])).toEqual(before);
  });
});

describe('service API', () => {
  it('emits signals and spans, attaches and detaches, and lists the catalog', async () => {
    const app = await boot([SigraTelemetryModule.forRoot({ logger: false })]);
    const service = app.get(SigraTelemetryService);
    const seen: string[] = [];
    expect(
      service.attachMany(
        'rec',
        [
          ['sigra', 'security', 'lockout'],
          ['sigra', 'auth', 'login', 'stop'],
        ],
        (event) => {
          seen.push(event.join('.'));
        },
      ),
    ).toBe('ok');
    expect(service.attach('rec', ['sigra', 'y'], () => undefined)).toBe('already_exists');
    service.event(
      ['sigra', 'security', 'lockout'],
      {},
      { user_id: 1, ip: '10.0.0.1', reason: 'threshold_reached' },
    );
    expect(service.span(['sigra', 'auth', 'login'], {}, () => 5)).toBe(5);
    expect(seen).toEqual(['sigra.security.lockout', 'sigra.auth.login.stop']);
    expect(service.detach('rec')).toBe('ok');
    expect(service.detach('rec')).toBe('not_found');
    expect(service.mfaEvents()).toHaveLength(8);
    expect(service.oauthEvents()).toHaveLength(7);
    expect(service.apiTokenEvents()).toHaveLength(4);
    expect(service.jwtEvents()).toHaveLength(4);
    expect(service.accountEvents()).toHaveLength(20);
    expect(service.hookEvents()).toHaveLength(1);
    expect(service.loggedEvents()).toHaveLength(64);
    expect(service.securityEvents()).toHaveLength(7);
  });

  it('attachDefaultLogger answers already_exists once attached, detachDefaultLogger not_found once detached', async () => {
    const app = await boot([SigraTelemetryModule.forRoot()]);
    const service = app.get(SigraTelemetryService);
    expect(service.attachDefaultLogger()).toBe('already_exists');
    expect(service.detachDefaultLogger()).toBe('ok');
    expect(service.detachDefaultLogger()).toBe('not_found');
    expect(service.attachDefaultLogger({ level: 'warn' })).toBe('ok');
    expect(() => service.attachDefaultLogger({ encode: 'yaml' as never })).toThrow(
      /attachDefaultLogger: option encode must be one of 'text', 'json'; got a string of 4 characters/,
    );
  });

  it('forgets a handler detached outside the service: attachDefaultLogger attaches again', async () => {
    const app = await boot([SigraTelemetryModule.forRoot()]);
    const service = app.get(SigraTelemetryService);
    expect(detach(DEFAULT_LOGGER_HANDLER_ID)).toBe('ok');
    expect(service.attachDefaultLogger()).toBe('ok');
    expect(service.listHandlers([]).map((record) => record.id)).toContain(
      DEFAULT_LOGGER_HANDLER_ID,
    );
  });
});
