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
  SigraSpan,
  SigraSpanInterceptor,
  SigraTelemetryModule,
  SigraTelemetryService,
  span,
  type SigraLogRecord,
  type SigraTelemetryModuleOptions,
} from '../../lib/index.js';
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

async function boot(
  options: SigraTelemetryModuleOptions,
  logger: LoggerService = new RecordingLogger(),
) {
  const moduleRef = await Test.createTestingModule({
    imports: [SigraTelemetryModule.forRoot(options)],
    controllers: [LoginController],
  }).compile();
  app = moduleRef.createNestApplication({ logger });
  await app.init();
  return { app, service: app.get(SigraTelemetryService) };
}

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
    const logger = new RecordingLogger();
    const booted = await boot({}, logger);
    await request(booted.app.getHttpServer()).post('/auth/login').expect(401);
    const entries = logger.sigra();
    expect(entries.map((e) => e.level)).toEqual(['warn']);
    expect(entries[0]?.message).toMatch(
      /^\[Sigra\] auth\.login\.stop \d+(\.\d{1,3})? ms \{user_id: 1, result: "failure", status: 401\}$/,
    );
  });

  it('logs every span exception at error, also of spans outside the 64 events', async () => {
    const logger = new RecordingLogger();
    await boot({}, logger);
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
    const logger = new RecordingLogger();
    await boot({}, logger);
    const stop = ['sigra', 'passkeys', 'authenticate', 'stop'];
    execute(stop, {}, { user_id: 3, result: 'success' });
    execute(stop, {}, { user_id: 3, result: 'failure' });
    expect(logger.sigra().map((e) => [e.level, e.message])).toEqual([
      ['warn', '[Sigra] passkeys.authenticate.stop {} {user_id: 3, result: "failure"}'],
    ]);
  });

  it('leaves either out with failures: false or exceptions: false', async () => {
    const logger = new RecordingLogger();
    const { service } = await boot({ logger: { failures: false, exceptions: false } }, logger);
    expect(service.listHandlers([])).toHaveLength(64);
    execute(['sigra', 'auth', 'login', 'stop'], {}, { result: 'failure' });
    execute(['sigra', 'email', 'deliver', 'exception'], {}, {});
    execute(['sigra', 'session', 'create', 'exception'], {}, {});
    expect(logger.sigra().map((e) => e.level)).toEqual(['log', 'log']);
  });

  it('refuses a non-boolean failures or exceptions option, naming it', async () => {
    await expect(boot({ logger: { failures: 'yes' as never } })).rejects.toThrow(
      "SigraTelemetryModule: option logger.failures is 'yes'; expected true or false.",
    );
  });
});

describe('default logger: readable text, complete JSON', () => {
  it('text lines carry the duration in ms and no clock readings or span context', async () => {
    const logger = new RecordingLogger();
    await boot(
      {
        logger: {
          events: [
            ['sigra', 'auth', 'login', 'start'],
            ['sigra', 'auth', 'login', 'stop'],
          ],
        },
      },
      logger,
    );
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
    const logger = new RecordingLogger();
    await boot({ logger: { encode: 'json' } }, logger);
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
    const logger = new RecordingLogger();
    await boot({ logger: { events: [['sigra', `x${hostile}`]] } }, logger);
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
    const logger = new RecordingLogger();
    await boot({ metadataPolicy: { mode: 'off' } }, logger);
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

  it('cuts a JSON record at 1,000 values and says so', async () => {
    const logger = new RecordingLogger();
    await boot({ metadataPolicy: { mode: 'off' }, logger: { encode: 'json' } }, logger);
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
    const logger = new RecordingLogger();
    const { service } = await boot({}, logger);
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
    const logger = new RecordingLogger();
    const { service } = await boot({}, logger);
    expect(service.reconfigureDefaultLogger({ level: 'debug', filter: ['reset'] })).toBe('ok');
    expect(() => service.reconfigureDefaultLogger({ level: 'loud' as never })).toThrow(
      /option level is 'loud'/,
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
