import 'reflect-metadata';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  execute,
  loggedEvents,
  REDACTED,
  securityEvents,
  SigraTelemetryModule,
  SigraTelemetryService,
  span,
  type SigraTelemetryModuleOptions,
} from '../../lib/index.js';
import { RecordingLogger } from '../support/nest.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

let app: INestApplication | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Boots an app whose logger is the user's own LoggerService. */
async function boot(options: SigraTelemetryModuleOptions) {
  const logger = new RecordingLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [SigraTelemetryModule.forRoot(options)],
  }).compile();
  app = moduleRef.createNestApplication({ logger });
  await app.init();
  return { logger, service: app.get(SigraTelemetryService) };
}

const RATE_LIMITED = ['sigra', 'security', 'rate_limited'];

/**
 * Boots an app whose logger is a real `ConsoleLogger`, emits a reset request and a rate-limited
 * signal, and returns the chunks the console printed.
 */
async function printedByConsoleLogger(
  options: SigraTelemetryModuleOptions,
  consoleLogger: ConsoleLogger,
): Promise<string[]> {
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [SigraTelemetryModule.forRoot(options)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: consoleLogger });
    await app.init();
    execute(['sigra', 'reset', 'requested'], {}, { user_id: 5 });
    execute(RATE_LIMITED, {}, { ip: '1.2.3.4', key_prefix: 'sigra', retry_after: 3 });
    return [...stdout.mock.calls, ...stderr.mock.calls].map(([chunk]) => String(chunk));
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('default logger: text lines through the app logger', () => {
  it("logs a span stop in Sigra's shape at log level under the Sigra context", async () => {
    const { logger } = await boot({});
    span(['sigra', 'auth', 'login'], {}, () => 'ok', { stopMetadata: () => ({ user_id: 7 }) });
    const entries = logger.sigra();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.level).toBe('log');
    expect(entries[0]?.message).toMatch(
      /^\[Sigra\] auth\.login\.stop \d+(\.\d{1,3})? ms \{user_id: 7\}$/,
    );
  });

  it('logs a signal with its measurements and metadata as Sigra does', async () => {
    const { logger } = await boot({});
    execute(RATE_LIMITED, { count: 1 }, { ip: '1.2.3.4', key_prefix: 'sigra', retry_after: 30 });
    expect(logger.sigra().map((e) => e.message)).toEqual([
      '[Sigra] security.rate_limited {count: 1} {ip: "1.2.3.4", key_prefix: "sigra", retry_after: 30}',
    ]);
  });

  it('logs every one of the 64 events, and nothing else', async () => {
    const { logger } = await boot({});
    for (const name of loggedEvents()) execute(name, {}, {} as never);
    execute(['sigra', 'auth', 'login', 'start']);
    execute(['sigra', 'audit', 'log'], { count: 1 }, {} as never);
    expect(logger.sigra()).toHaveLength(64);
  });

  it('logs the seven security events at warn whatever the level, the rest at the level', async () => {
    const { logger } = await boot({ logger: { level: 'debug' } });
    for (const name of loggedEvents()) execute(name, {}, {} as never);
    const warned = logger
      .sigra()
      .filter((e) => e.level === 'warn')
      .map((e) => String(e.message).split(' ')[1]);
    expect(warned).toEqual(securityEvents().map((name) => name.slice(1).join('.')));
    // The 5 span exceptions of the list log at error.
    expect(logger.sigra().filter((e) => e.level === 'error')).toHaveLength(5);
    expect(logger.sigra().filter((e) => e.level === 'debug')).toHaveLength(52);
  });

  it('filter keeps only the listed categories', async () => {
    const { logger, service } = await boot({ logger: { filter: ['security', 'mfa'] } });
    expect(new Set(service.listHandlers([]).map((h) => h.eventName[1]))).toEqual(
      new Set(['security', 'mfa']),
    );
    execute(['sigra', 'auth', 'login', 'stop']);
    execute(['sigra', 'mfa', 'lockout'], {}, { user_id: 1, ip: '1.2.3.4' });
    expect(logger.sigra().map((e) => String(e.message).split(' ')[1])).toEqual(['mfa.lockout']);
  });

  it('events replaces the logged list, and may name custom events', async () => {
    const { logger } = await boot({
      logger: {
        events: [
          ['sigra', 'auth', 'login', 'start'],
          ['app', 'thing'],
        ],
      },
    });
    execute(['sigra', 'auth', 'login', 'start']);
    execute(['app', 'thing'], {}, { a: 1 });
    execute(['sigra', 'auth', 'login', 'stop']);
    expect(logger.sigra().map((e) => e.message)).toEqual([
      '[Sigra] auth.login.start {} {}',
      '[Sigra] app.thing {} {a: 1}',
    ]);
  });

  it('never logs a secret: the metadata policy applies before the logger sees anything', async () => {
    const { logger } = await boot({});
    execute(['sigra', 'reset', 'completed'], {}, {
      user_id: 1,
      password: 'hunter2',
      nested: { Authorization: 'Bearer abc.def.ghi' },
    } as never);
    const line = String(logger.sigra()[0]?.message);
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('abc.def.ghi');
    expect(line).toContain(`password: ${JSON.stringify(REDACTED)}`);
  });

  it('cannot be made to forge extra lines by CR/LF or control characters in metadata', async () => {
    const { logger } = await boot({});
    execute(RATE_LIMITED, {}, {
      ip: '1.2.3.4\n[Sigra] security.lockout {} {user_id: 1}',
      key_prefix: 'a\r\nb\u0000c\u2028d\u0085e',
      retry_after: 1,
      'weird\nkey': 1,
    } as never);
    const line = String(logger.sigra()[0]?.message);
    // oxlint-disable-next-line no-control-regex -- the control characters are the point
    expect(line).not.toMatch(/[\r\n\u0000\u0085\u2028]/);
    expect(line).toContain('"weird\\nkey": 1');
    expect(line).toContain('ip: "1.2.3.4\\n[Sigra] security.lockout {} {user_id: 1}"');
  });

  it('logs an exception event with its reason as a name and message', async () => {
    const { logger } = await boot({
      logger: { events: [['sigra', 'email', 'deliver', 'exception']] },
    });
    expect(() =>
      span(['sigra', 'email', 'deliver'], { delivery_method: 'sync' }, () => {
        throw new TypeError('smtp down');
      }),
    ).toThrow('smtp down');
    expect(String(logger.sigra()[0]?.message)).toMatch(
      /reason: \{name: "TypeError", message: "smtp down"\}, stacktrace: "TypeError: smtp down\\n/,
    );
  });
});

describe('default logger: json', () => {
  it("hands Nest's Logger one structured object per event", async () => {
    const { logger } = await boot({ logger: { encode: 'json' } });
    execute(RATE_LIMITED, { count: 1 }, { ip: '1.2.3.4', key_prefix: 'sigra', retry_after: 30 });
    expect(logger.sigra()[0]).toEqual({
      level: 'warn',
      message: {
        source: 'sigra',
        event: 'security.rate_limited',
        msg: '[Sigra] security.rate_limited',
        measurements: { count: 1 },
        metadata: { ip: '1.2.3.4', key_prefix: 'sigra', retry_after: 30 },
      },
      params: ['SigraTelemetry'],
    });
  });

  it('prints one JSON record per line under ConsoleLogger({ json: true })', async () => {
    const printed = await printedByConsoleLogger(
      { logger: { encode: 'json' } },
      new ConsoleLogger({ json: true }),
    );
    const lines = printed.filter((chunk) => chunk.includes('"source":"sigra"'));
    expect(lines).toHaveLength(2);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({
      level: 'log',
      context: 'SigraTelemetry',
      message: {
        source: 'sigra',
        event: 'reset.requested',
        msg: '[Sigra] reset.requested',
        metadata: { user_id: 5 },
      },
    });
    expect(records[1]).toMatchObject({
      level: 'warn',
      message: { event: 'security.rate_limited' },
    });
  });
});

describe('default logger: levels the app logger drops', () => {
  it('skips events whose level is disabled, but still warns on security events', async () => {
    const printed = await printedByConsoleLogger(
      { logger: { level: 'debug' } },
      new ConsoleLogger({ logLevels: ['warn', 'error'], colors: false }),
    );
    expect(printed.join('')).not.toContain('reset.requested');
    expect(printed.join('')).toContain('[Sigra] security.rate_limited');
  });
});

describe('core reports', () => {
  it('describe thrown values that are not errors, even ones without a string form', async () => {
    const { logger, service } = await boot({ logger: false });
    service.attach('h', ['app', 'x', 'stop'], () => undefined);
    span(['app', 'x'], {}, () => 1, {
      stopMetadata: () => {
        throw Object.assign(Object.create(null) as object, { code: 'E_ODD' });
      },
    });
    const [entry] = logger.sigra();
    expect(entry?.message).toMatch(/stopMetadata failed for span app\.x/);
    expect(entry?.params[0]).toMatch(/E_ODD/);
  });

  it('go through the app logger while the module runs', async () => {
    const { logger, service } = await boot({ logger: false });
    service.attach('broken', ['sigra', 'x'], () => {
      throw new Error('handler bug');
    });
    execute(['sigra', 'x']);
    const [entry] = logger.sigra();
    expect(entry?.level).toBe('error');
    expect(entry?.message).toMatch(/handler broken failed on event sigra\.x and has been detached/);
    expect(entry?.params[0]).toMatch(/^Error: handler bug\n/);
  });
});

describe('default logger: unreadable metadata', () => {
  it('logs a line saying so and stays attached, even with the metadata policy off', async () => {
    const { logger, service } = await boot({ metadataPolicy: { mode: 'off' } });
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new TypeError('no keys for you');
        },
      },
    );
    execute(['sigra', 'reset', 'requested'], {}, { user_id: 1, extra: hostile } as never);
    execute(['sigra', 'reset', 'requested'], {}, { user_id: 2 });
    expect(logger.sigra().map((e) => e.message)).toEqual([
      '[Sigra] reset.requested (event could not be formatted: TypeError)',
      '[Sigra] reset.requested {} {user_id: 2}',
    ]);
    expect(service.listHandlers([])).toHaveLength(90);
  });
});
