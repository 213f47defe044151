import 'reflect-metadata';
import { Writable } from 'node:stream';
import {
  ConsoleLogger,
  Controller,
  Post,
  UnauthorizedException,
  UseInterceptors,
  type INestApplication,
  type LoggerService,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { pino } from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  execute,
  listHandlers,
  loggedEvents,
  securityEvents,
  SigraSpan,
  SigraSpanInterceptor,
  SigraTelemetryModule,
  SigraTelemetryService,
  span,
  type SigraLogRecord,
  type SigraTelemetryModuleOptions,
} from '../../lib/index.js';
import { REDACTED } from '../../lib/policy/index.js';
import { RecordingLogger } from '../support/nest.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

let app: INestApplication | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  vi.useRealTimers();
});

@Controller('auth')
@UseInterceptors(SigraSpanInterceptor)
class LoginController {
  @Post('login')
  @SigraSpan(['sigra', 'auth', 'login'], { contextMetadata: () => ({ user_id: 1 }) })
  login(): never {
    throw new UnauthorizedException('wrong password');
  }
}

/** Boots an app whose logger is the user's own LoggerService (a `RecordingLogger` unless given). */
async function boot<L extends LoggerService = RecordingLogger>(
  options: SigraTelemetryModuleOptions,
  logger: L = new RecordingLogger() as LoggerService as L,
) {
  const moduleRef = await Test.createTestingModule({
    imports: [SigraTelemetryModule.forRoot(options)],
    controllers: [LoginController],
  }).compile();
  app = moduleRef.createNestApplication({ logger });
  await app.init();
  return { app, logger, service: app.get(SigraTelemetryService) };
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

/** Runs `fn` with stdout and stderr captured; returns what was written to each. */
async function captureOutput(fn: () => Promise<void> | void) {
  const out = { stdout: '', stderr: '' };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.stdout += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    out.stderr += String(chunk);
    return true;
  });
  try {
    await fn();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return out;
}

const LINE_BREAKERS = [
  '\r',
  '\n',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
];
// oxlint-disable-next-line no-control-regex -- the control characters are the point
const RAW_BREAKER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

describe('default logger: failed operations', () => {
  it('logs a failed login (401 through @SigraSpan and the interceptor) as a readable warn line', async () => {
    const booted = await boot({});
    const { logger } = booted;
    await request(booted.app.getHttpServer()).post('/auth/login').expect(401);
    const entries = logger.sigra();
    expect(entries.map((e) => e.level)).toEqual(['warn']);
    expect(entries[0]?.message).toMatch(
      /^\[Sigra\] auth\.login\.stop \d+(\.\d{1,3})? ms \{user_id: 1, result: "failure", status: 401\}$/,
    );
  });

  it('logs every span exception at error, also of spans outside the 64 events', async () => {
    const { logger } = await boot({});
    expect(() =>
      span(['sigra', 'session', 'create'], { user_id: 2, type: 'standard' }, () => {
        throw new RangeError('store down');
      }),
    ).toThrow('store down');
    const [entry] = logger.sigra();
    expect(entry?.level).toBe('error');
    expect(entry?.message).toMatch(
      /^\[Sigra\] session\.create\.exception \d+(\.\d{1,3})? ms \{user_id: 2, type: "standard", kind: "error", reason: \{name: "RangeError", message: "store down"\}, stacktrace: "RangeError: store down\\n/,
    );
  });

  it('logs a failure stop outside the 64 events, and not its successful stops', async () => {
    const { logger } = await boot({});
    const stop = ['sigra', 'passkeys', 'authenticate', 'stop'];
    execute(stop, {}, { user_id: 3, result: 'success' });
    execute(stop, {}, { user_id: 3, result: 'failure' });
    expect(logger.sigra().map((e) => [e.level, e.message])).toEqual([
      ['warn', '[Sigra] passkeys.authenticate.stop {} {user_id: 3, result: "failure"}'],
    ]);
  });

  it('leaves either out with failures: false or exceptions: false', async () => {
    const { logger, service } = await boot({ logger: { failures: false, exceptions: false } });
    expect(service.listHandlers([])).toHaveLength(64);
    execute(['sigra', 'auth', 'login', 'stop'], {}, { result: 'failure' });
    execute(['sigra', 'email', 'deliver', 'exception'], {}, {});
    execute(['sigra', 'session', 'create', 'exception'], {}, {});
    expect(logger.sigra().map((e) => e.level)).toEqual(['log', 'log']);
  });

  it('refuses a non-boolean failures or exceptions option, naming it', async () => {
    await expect(boot({ logger: { failures: 'yes' as never } })).rejects.toThrow(
      'SigraTelemetryModule: option logger.failures must be true or false; got a string of 3 characters.',
    );
  });
});

describe('default logger: readable text, complete JSON', () => {
  it('text lines carry the duration in ms and no clock readings or span context', async () => {
    const { logger } = await boot({
      logger: {
        events: [
          ['sigra', 'auth', 'login', 'start'],
          ['sigra', 'auth', 'login', 'stop'],
        ],
      },
    });
    span(['sigra', 'auth', 'login'], { user_id: 1 }, () => {
      const until = performance.now() + 5;
      while (performance.now() < until);
    });
    const lines = logger.sigra().map((e) => String(e.message));
    expect(lines[0]).toMatch(/^\[Sigra\] auth\.login\.start \{system_time: \d+\} \{user_id: 1\}$/);
    const ms = Number(/ (\d+(?:\.\d+)?) ms /.exec(lines[1]!)?.[1]);
    expect(ms).toBeGreaterThanOrEqual(5);
    expect(ms).toBeLessThan(5000);
    expect(lines.join('\n')).not.toMatch(/monotonic_time|telemetry_span_context|duration:/);
  });

  it('JSON records keep every field and add duration_ms and msg', async () => {
    const { logger } = await boot({ logger: { encode: 'json' } });
    span(['sigra', 'auth', 'login'], { user_id: 1 }, () => 'ok');
    const record = logger.sigra()[0]?.message as SigraLogRecord;
    const { duration, monotonic_time } = record.measurements as Record<string, number>;
    expect(record).toEqual({
      source: 'sigra',
      event: 'auth.login.stop',
      msg: `[Sigra] auth.login.stop ${record.duration_ms} ms`,
      duration_ms: Math.round(duration! / 1e3) / 1e3,
      measurements: { duration, monotonic_time },
      metadata: { telemetry_span_context: expect.any(Number), user_id: 1 },
    });
    expect(Number.isInteger(monotonic_time)).toBe(true);
  });

  it('pino shows msg as the message of a record', () => {
    let written = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    });
    const record = {
      source: 'sigra',
      event: 'auth.login.stop',
      msg: '[Sigra] auth.login.stop 1.5 ms',
      duration_ms: 1.5,
    } satisfies Partial<SigraLogRecord>;
    pino(sink).warn(record);
    expect(JSON.parse(written)).toMatchObject({ msg: '[Sigra] auth.login.stop 1.5 ms', level: 40 });
  });
});

describe('default logger: lines cannot be forged', () => {
  const hostile = `a${LINE_BREAKERS.join('b')}z`;

  it('escapes every control and separator character in names, keys and values, in text', async () => {
    const { logger } = await boot({ logger: { events: [['sigra', `x${hostile}`]] } });
    execute(['sigra', `x${hostile}`], { [hostile]: 1 }, { v: hostile, [hostile]: [hostile] });
    const line = String(logger.sigra()[0]?.message);
    expect(line).not.toMatch(RAW_BREAKER);
    for (const char of LINE_BREAKERS) expect(line).not.toContain(char);
    expect(line).toContain('"a\\rb\\nb\\u0000b\\u0007b\\u001bb\\u0085b\\u009bb\\u2028b\\u2029z"');
  });

  it('prints each JSON record on one line with no raw separator, under ConsoleLogger({ json: true })', async () => {
    const printed = await captureOutput(async () => {
      await boot(
        { logger: { encode: 'json', events: [['sigra', `x${hostile}`]] } },
        new ConsoleLogger({ json: true }),
      );
      execute(['sigra', `x${hostile}`], { [hostile]: 1 }, { v: hostile, [hostile]: [hostile] });
    });
    const lines = printed.stdout.split('\n').filter((line) => line.includes('"source":"sigra"'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(RAW_BREAKER);
    const record = (JSON.parse(lines[0]!) as { message: SigraLogRecord }).message;
    expect(record.metadata.v).toBe('a\rb\nb\u0000b\u0007b\u001bb\\u0085b\\u009bb\\u2028b\\u2029z');
  });
});

describe('default logger: bounded lines', () => {
  it('logs a 1 MB Buffer, a long string and a million-element array as short lines, with a marker', async () => {
    const { logger } = await boot({ metadataPolicy: { mode: 'off' } });
    const started = performance.now();
    execute(['sigra', 'reset', 'requested'], {}, {
      user_id: 1,
      blob: Buffer.alloc(2 ** 20),
    } as never);
    execute(['sigra', 'reset', 'requested'], {}, {
      user_id: 1,
      text: 'x'.repeat(2 ** 20),
    } as never);
    execute(['sigra', 'reset', 'requested'], {}, {
      user_id: 1,
      list: Array.from({ length: 1e6 }, (_, i) => i),
    } as never);
    const elapsed = performance.now() - started;
    const lines = logger.sigra().map((e) => String(e.message));
    expect(lines[0]).toBe(
      '[Sigra] reset.requested {} {user_id: 1, blob: "[Buffer of 1048576 bytes]"}',
    );
    expect(lines[1]).toContain('…[1047552 more characters]');
    expect(lines[2]!.length).toBeLessThanOrEqual(8192 + ' …[truncated]'.length);
    expect(lines[2]).toMatch(/, …\]\} …\[truncated\]$/);
    // Generous: the point is no multi-second stall (a 14 MB line took 1.3 s).
    expect(elapsed).toBeLessThan(1000);
  });

  it('marks cycles and nesting past four levels, quotes odd keys and keeps __proto__ a field', async () => {
    const { logger, service } = await boot({ metadataPolicy: { mode: 'off' } });
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const metadata = JSON.parse('{"__proto__": {"polluted": true}, "odd key": 1}') as object;
    Object.assign(metadata, { cyclic, deep: { a: { b: { c: { d: { e: 1 } } } } } });
    execute(['sigra', 'reset', 'requested'], {}, metadata as never);
    expect(logger.sigra()[0]?.message).toBe(
      '[Sigra] reset.requested {} {__proto__: {polluted: true}, "odd key": 1, ' +
        'cyclic: {name: "loop", self: "[Circular]"}, deep: {a: {b: {c: {d: "[Truncated]"}}}}}',
    );
    expect(service.reconfigureDefaultLogger({ encode: 'json' })).toBe('ok');
    execute(['sigra', 'reset', 'requested'], {}, metadata as never);
    const record = logger.sigra()[1]?.message as SigraLogRecord;
    expect(Object.getPrototypeOf(record.metadata)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(record.metadata, '__proto__')?.value).toEqual({
      polluted: true,
    });
    expect(record.metadata).toMatchObject({
      'odd key': 1,
      cyclic: { name: 'loop', self: '[Circular]' },
      deep: { a: { b: { c: { d: '[Truncated]' } } } },
    });
  });

  it('cuts a JSON record at 1,000 values and says so', async () => {
    const { logger } = await boot({ metadataPolicy: { mode: 'off' }, logger: { encode: 'json' } });
    execute(['sigra', 'reset', 'requested'], {}, {
      user_id: 1,
      list: Array.from({ length: 1e5 }, (_, i) => i),
    } as never);
    const record = logger.sigra()[0]?.message as SigraLogRecord;
    expect(record.truncated).toBe(true);
    const list = record.metadata.list as unknown[];
    expect(list.length).toBeLessThan(1001);
    expect(list.at(-1)).toBe('[Truncated]');
  });
});

const lockout = () =>
  execute(
    ['sigra', 'security', 'lockout'],
    {},
    { user_id: 1, ip: '1.2.3.4', reason: 'threshold_reached' },
  );

/** A LoggerService whose calls throw while `broken` is true. */
class FlakyLogger extends RecordingLogger {
  broken = false;
  override warn(message: unknown, ...params: unknown[]) {
    if (this.broken) throw new Error('disk full: hunter2');
    super.warn(message, ...params);
  }
}

describe('default logger: an app logger that throws', () => {
  it('falls back to stderr, says so once without the error text, stays attached and retries with backoff', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const logger = new FlakyLogger();
    await boot({}, logger);
    logger.broken = true;
    const failing = await captureOutput(() => {
      lockout();
      lockout();
    });
    const lines = failing.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      "[Sigra] the app's logger threw (Error); Sigra's lines go to stderr, and the app's logger is tried again after 1 s, then less and less often.",
      '[Sigra] security.lockout {} {user_id: 1, ip: "1.2.3.4", reason: "threshold_reached"}',
      '[Sigra] security.lockout {} {user_id: 1, ip: "1.2.3.4", reason: "threshold_reached"}',
    ]);
    expect(failing.stderr).not.toContain('hunter2');
    expect(listHandlers([]).length).toBe(90);

    // Still broken after the first second: tried once, then 2 s of stderr.
    vi.advanceTimersByTime(1001);
    const retried = await captureOutput(lockout);
    expect(retried.stderr.trimEnd().split('\n')).toHaveLength(1);
    logger.broken = false;
    vi.advanceTimersByTime(1000);
    const waiting = await captureOutput(lockout);
    expect(waiting.stderr).toContain('[Sigra] security.lockout');
    expect(logger.sigra()).toHaveLength(0);

    vi.advanceTimersByTime(1001);
    const recovered = await captureOutput(lockout);
    expect(recovered.stderr).toBe(
      "[Sigra] the app's logger works again; Sigra's lines go back to it.\n",
    );
    expect(logger.sigra().map((e) => e.level)).toEqual(['warn']);
  });
});

describe('attachDefaultLogger while attached, and reconfigureDefaultLogger', () => {
  it("keeps upstream's already_exists and warns that the options are ignored", async () => {
    const { logger, service } = await boot({});
    expect(service.attachDefaultLogger()).toBe('already_exists');
    expect(logger.sigra()).toEqual([]);
    expect(service.attachDefaultLogger({ level: 'warn' })).toBe('already_exists');
    expect(logger.sigra()).toEqual([
      {
        level: 'warn',
        message:
          'attachDefaultLogger: the default logger is attached already, so these options are ignored. Call reconfigureDefaultLogger(options) to change them at run time.',
        params: ['SigraTelemetry'],
      },
    ]);
  });

  it('changes the options at run time, and leaves the logger as it was on invalid options', async () => {
    const { logger, service } = await boot({});
    expect(service.reconfigureDefaultLogger({ level: 'debug', filter: ['reset'] })).toBe('ok');
    expect(() => service.reconfigureDefaultLogger({ level: 'loud' as never })).toThrow(
      /option level must be one of 'log', .*; got a string of 4 characters/,
    );
    execute(['sigra', 'reset', 'requested'], {}, { user_id: 1 });
    execute(['sigra', 'mfa', 'lockout'], {}, { user_id: 1, ip: '1.2.3.4' });
    expect(logger.sigra().map((e) => [e.level, e.message])).toEqual([
      ['debug', '[Sigra] reset.requested {} {user_id: 1}'],
    ]);
    service.detachDefaultLogger();
    expect(service.reconfigureDefaultLogger({})).toBe('ok');
    expect(service.listHandlers([])).toHaveLength(90);
  });
});
