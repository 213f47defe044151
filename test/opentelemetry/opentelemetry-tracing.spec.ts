import 'reflect-metadata';
import {
  Controller,
  Get,
  HttpException,
  Injectable,
  UnauthorizedException,
  UseInterceptors,
} from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import { Test } from '@nestjs/testing';
import { defer, delay, firstValueFrom, Observable, of } from 'rxjs';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attach,
  execute,
  SigraSpan,
  SigraSpanInterceptor,
  SigraTelemetryModule,
  span,
} from '../../lib/index.js';
import { attachOpenTelemetry, SigraOpenTelemetryModule } from '../../lib/opentelemetry/index.js';
import { closeAppsAfterEach } from '../support/nest.js';
import { detachAllAfterEach } from '../support/registry.js';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { DUPLICATE_ATTACH_WARNING } from '../../lib/opentelemetry/opentelemetry-tracing.function.js';
import { parentOf, registerInMemorySdk, spanNamed, SpanStatusCode } from './otel-sdk.js';

const sdk = registerInMemorySdk();
const finished = () => sdk.exporter.getFinishedSpans();
const LOGIN: readonly string[] = ['sigra', 'auth', 'login'];
const SESSION: readonly string[] = ['sigra', 'session', 'create'];

detachAllAfterEach();
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  sdk.exporter.reset();
  // Every span the bridge started has ended: none leaks, whatever the test traced.
  expect(sdk.openSpanNames()).toEqual([]);
});
afterAll(() => sdk.provider.shutdown());
const { track, close } = closeAppsAfterEach();

function bridge(options?: Parameters<typeof attachOpenTelemetry>[0]) {
  stops.push(attachOpenTelemetry(options));
}

const activeSpanId = () => trace.getSpan(context.active())?.spanContext().spanId;

describe('Sigra spans as OpenTelemetry spans: names and parent/child', () => {
  it('nests sync spans under the active span, in one trace', () => {
    bridge();
    sdk.tracer.startActiveSpan('GET /login', (http) => {
      span(LOGIN, {}, () => span(SESSION, {}, () => 1));
      http.end();
    });
    const http = spanNamed(finished(), 'GET /login');
    const login = spanNamed(finished(), 'sigra.auth.login');
    const session = spanNamed(finished(), 'sigra.session.create');
    expect(parentOf(login)).toBe(http.spanContext().spanId);
    expect(parentOf(session)).toBe(login.spanContext().spanId);
    expect(new Set(finished().map((s) => s.spanContext().traceId)).size).toBe(1);
    expect(login.instrumentationScope.name).toBe('@sigra/nestjs-telemetry');
  });

  it('keeps the parent across Promise continuations, and OpenTelemetry spans inside are children', async () => {
    bridge();
    await span(LOGIN, {}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      await span(SESSION, {}, async () => {
        await Promise.resolve();
        sdk.tracer.startSpan('db.query').end();
      });
    });
    const login = spanNamed(finished(), 'sigra.auth.login');
    const session = spanNamed(finished(), 'sigra.session.create');
    expect(parentOf(session)).toBe(login.spanContext().spanId);
    expect(parentOf(spanNamed(finished(), 'db.query'))).toBe(session.spanContext().spanId);
    expect(parentOf(login)).toBeUndefined();
  });

  it('makes each Observable subscription a span, active for work done inside it later', async () => {
    bridge();
    const traced = span(LOGIN, {}, () =>
      of(1).pipe(
        delay(2),
        // Runs asynchronously, after subscribe returned: still inside the subscription's span.
        () => defer(() => span(SESSION, {}, () => of(2))),
      ),
    );
    expect(finished()).toEqual([]);
    await firstValueFrom(traced);
    await firstValueFrom(traced);
    const logins = finished().filter((s) => s.name === 'sigra.auth.login');
    const sessions = finished().filter((s) => s.name === 'sigra.session.create');
    expect(logins).toHaveLength(2);
    expect(sessions.map(parentOf).toSorted()).toEqual(
      logins.map((s) => s.spanContext().spanId).toSorted(),
    );
  });

  it('starts no span for the call creating an Observable unless something inside it used the span', async () => {
    bridge();
    const quiet = span(LOGIN, {}, () => of(1));
    expect(sdk.openSpanNames()).toEqual([]);
    expect(finished()).toEqual([]);
    await firstValueFrom(quiet);
    expect(finished().map((s) => s.name)).toEqual(['sigra.auth.login']);
    sdk.exporter.reset();

    // An instrumented call made while creating the Observable needs its parent: the creation is
    // a span then, ended when the call returns, and each subscription is one more.
    const busy = span(LOGIN, {}, () => {
      sdk.tracer.startSpan('db.query').end();
      return of(2);
    });
    const creation = spanNamed(finished(), 'sigra.auth.login');
    expect(parentOf(spanNamed(finished(), 'db.query'))).toBe(creation.spanContext().spanId);
    await firstValueFrom(busy);
    expect(finished().filter((s) => s.name === 'sigra.auth.login')).toHaveLength(2);
  });

  it("gives the caller's context back when a sync span returns: nothing queued after it runs inside it", async () => {
    bridge();
    const http = sdk.tracer.startSpan('GET /api-tokens/whoami');
    const activeIds: (string | undefined)[] = [];
    await context.with(trace.setSpan(context.active(), http), async () => {
      span(LOGIN, {}, () => activeIds.push(activeSpanId()));
      activeIds.push(activeSpanId());
      await new Promise<void>((resolve) => {
        queueMicrotask(() => activeIds.push(activeSpanId()));
        setImmediate(() => resolve(void activeIds.push(activeSpanId())));
      });
      activeIds.push(activeSpanId());
    });
    http.end();
    const login = spanNamed(finished(), 'sigra.auth.login').spanContext().spanId;
    const caller = http.spanContext().spanId;
    expect(activeIds).toEqual([login, caller, caller, caller, caller]);
  });

  it('takes start and end times from the span measurements', () => {
    bridge();
    const measured: Record<string, number>[] = [];
    attach('t', [...LOGIN, 'stop'], (_e, m) => void measured.push(m as Record<string, number>));
    span(LOGIN, {}, () => {
      const until = performance.now() + 3;
      while (performance.now() < until);
    });
    const login = spanNamed(finished(), 'sigra.auth.login');
    const durationNs = login.duration[0] * 1e9 + login.duration[1];
    expect(Math.abs(durationNs - measured[0]!.duration!)).toBeLessThan(2_000);
    const endNs = login.endTime[0] * 1e9 + login.endTime[1];
    expect(
      Math.abs(endNs / 1e6 - (performance.timeOrigin + measured[0]!.monotonic_time! / 1e6)),
    ).toBeLessThan(1);
  });

  it('stops when the returned function is called', () => {
    const stop = attachOpenTelemetry();
    stop();
    span(LOGIN, {}, () => 1);
    expect(finished()).toEqual([]);
  });
});

describe('attributes', () => {
  it('maps user_id, ip and the rest of start and stop metadata', () => {
    bridge();
    span(
      ['sigra', 'mfa', 'verify'],
      { user_id: 42, method: 'totp', ip: '203.0.113.9' } as never,
      () => 'x',
      {
        stopMetadata: () => ({ result: 'success', attempts_remaining: 3 }),
      },
    );
    expect(spanNamed(finished(), 'sigra.mfa.verify').attributes).toEqual({
      'user.id': 42,
      'client.address': '203.0.113.9',
      'sigra.method': 'totp',
      'sigra.result': 'success',
      'sigra.attempts_remaining': 3,
    });
  });

  it('names keys that Object.prototype has (constructor, toString) like any other', () => {
    bridge();
    span(LOGIN, { constructor: 'c', toString: 't' } as never, () => 1);
    expect(spanNamed(finished(), 'sigra.auth.login').attributes).toEqual({
      'sigra.constructor': 'c',
      'sigra.toString': 't',
    });
  });

  it('turns values an attribute cannot hold into strings, JSON or nothing', () => {
    bridge();
    const at = new Date(Date.UTC(2026, 11, 1));
    span(
      LOGIN,
      {
        at,
        never: new Date(Number.NaN),
        scopes: ['read', 'write'],
        mixed: [1, 'a'],
        geo: { country: 'FR' },
        big: 10n,
        none: null,
        missing: undefined,
      } as never,
      () => 1,
    );
    expect(spanNamed(finished(), 'sigra.auth.login').attributes).toEqual({
      'sigra.at': '2026-12-01T00:00:00.000Z',
      'sigra.never': 'Invalid Date',
      'sigra.scopes': ['read', 'write'],
      'sigra.mixed': '[1,"a"]',
      'sigra.geo': '{"country":"FR"}',
      'sigra.big': '10',
    });
  });

  it('renames or leaves out keys as the attributes option says', () => {
    bridge({ attributes: { user_id: 'enduser.pseudo.id', method: false } });
    span(['sigra', 'mfa', 'verify'], { user_id: 42, method: 'totp' } as never, () => 'x');
    expect(spanNamed(finished(), 'sigra.mfa.verify').attributes).toEqual({
      'enduser.pseudo.id': 42,
    });
  });

  it('never lets a secret the metadata policy redacts reach an attribute or event', () => {
    bridge();
    const secrets = {
      password: 'Tr0ub4dor&3-password',
      Password: 'Tr0ub4dor&3-Password',
      passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo',
      hashed_password: 'hashed-Tr0ub4dor&3',
      clientSecret: 'cs_live_abcdefghijklmnop',
      access_token: 'at_9f8e7d6c5b4a39281706f5e4',
      refreshToken: 'rt_0a1b2c3d4e5f60718293a4b5',
      totpCode: '493817',
      backup_codes: ['bk-1111-2222', 'bk-3333-4444'],
      api_key: 'sk_live_51HxYzAbCdEfGhIj',
      session_cookie: 'sid=s%3Aabcdefghijklmnop',
      email: 'alice@example.com',
      note: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl',
    };
    sdk.tracer.startActiveSpan('request', (http) => {
      span(
        LOGIN,
        { user_id: 1, nested: { ...secrets } } as never,
        () => {
          execute(['sigra', 'security', 'invalid_credentials'], {}, {
            ip: '192.0.2.1',
            ...secrets,
          } as never);
        },
        { stopMetadata: () => ({ ...secrets }) as never },
      );
      // An error whose message and fields quote secrets, recorded by recordException.
      const leaky = Object.assign(new Error(`login failed for ${secrets.note}`), { ...secrets });
      expect(() =>
        span(SESSION, {}, () => {
          throw leaky;
        }),
      ).toThrow(leaky);
      http.end();
    });
    expect(spanNamed(finished(), 'sigra.session.create').events.map((e) => e.name)).toEqual([
      'exception',
    ]);
    const exported = JSON.stringify(
      finished().map((s) => ({
        attributes: s.attributes,
        events: s.events,
        name: s.name,
        status: s.status,
      })),
    );
    for (const value of Object.values(secrets).flat()) {
      expect(exported, value).not.toContain(value);
    }
    expect(exported).toContain('[REDACTED]');
  });
});

describe('exceptions and failures', () => {
  it('records an exception, sets ERROR and error.type, and rethrows the same error', async () => {
    bridge();
    const failure = new TypeError('database unreachable');
    await expect(
      span(LOGIN, {}, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    const login = spanNamed(finished(), 'sigra.auth.login');
    expect(login.status).toEqual({ code: SpanStatusCode.ERROR, message: 'database unreachable' });
    expect(login.attributes['error.type']).toBe('TypeError');
    expect(login.events.map((e) => e.name)).toEqual(['exception']);
    expect(login.events[0]!.attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': 'database unreachable',
      'exception.stacktrace': expect.stringContaining('database unreachable'),
    });
    expect(Object.keys(login.attributes)).not.toContain('sigra.reason');
  });

  it('records a thrown non-error, even one that cannot be printed, and stays attached', () => {
    bridge();
    const unprintable = {
      toString() {
        throw new Error('no');
      },
    };
    expect(() =>
      span(LOGIN, {}, () => {
        throw unprintable;
      }),
    ).toThrow();
    span(SESSION, {}, () => 1);
    const login = spanNamed(finished(), 'sigra.auth.login');
    expect(login.status.code).toBe(SpanStatusCode.ERROR);
    expect(login.attributes['error.type']).toBe('_OTHER');
    expect(spanNamed(finished(), 'sigra.session.create').ended).toBe(true);
  });

  it('uses a system error code as error.type', () => {
    bridge();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(() =>
      span(LOGIN, {}, () => {
        throw refused;
      }),
    ).toThrow(refused);
    expect(spanNamed(finished(), 'sigra.auth.login').attributes['error.type']).toBe('ECONNREFUSED');
  });

  it('records a 4xx HttpException; ERROR unless failureStatus is unset; 5xx always ERROR', () => {
    bridge({ failureStatus: 'unset' });
    expect(() =>
      span(LOGIN, {}, () => {
        throw new UnauthorizedException();
      }),
    ).toThrow(UnauthorizedException);
    expect(() =>
      span(SESSION, {}, () => {
        throw new HttpException('down', 503);
      }),
    ).toThrow(HttpException);
    const login = spanNamed(finished(), 'sigra.auth.login');
    expect(login.status.code).toBe(SpanStatusCode.UNSET);
    expect(login.events.map((e) => e.name)).toEqual(['exception']);
    expect(login.attributes['error.type']).toBe('UnauthorizedException');
    expect(spanNamed(finished(), 'sigra.session.create').status.code).toBe(SpanStatusCode.ERROR);
    for (const stop of stops.splice(0)) stop();
    sdk.exporter.reset();

    bridge();
    expect(() =>
      span(LOGIN, {}, () => {
        throw new UnauthorizedException();
      }),
    ).toThrow();
    expect(spanNamed(finished(), 'sigra.auth.login').status.code).toBe(SpanStatusCode.ERROR);
  });

  it('ends the span of an error classifyError turns into a failure stop, and @SigraSpan does so for a 4xx', () => {
    bridge();
    class Auth {
      @SigraSpan(['sigra', 'auth', 'login'])
      login(): never {
        throw new UnauthorizedException();
      }
    }
    expect(() => new Auth().login()).toThrow(UnauthorizedException);
    expect(() =>
      span(
        SESSION,
        {},
        () => {
          throw new Error('refused');
        },
        { classifyError: () => ({ result: 'failure', status: 409 }) },
      ),
    ).toThrow('refused');
    const login = spanNamed(finished(), 'sigra.auth.login');
    expect(login.attributes['sigra.result']).toBe('failure');
    expect(login.attributes['sigra.status']).toBe(401);
    expect(login.status.code).toBe(SpanStatusCode.ERROR);
    const session = spanNamed(finished(), 'sigra.session.create');
    expect(session.attributes['sigra.result']).toBe('failure');
    expect(session.ended).toBe(true);
  });

  it("maps a stop with result 'failure' to ERROR and error.type from its reason or status", () => {
    bridge();
    span(LOGIN, {}, () => 1, {
      stopMetadata: () => ({ result: 'failure', reason: 'invalid_credentials' }) as never,
    });
    span(SESSION, {}, () => 1, {
      stopMetadata: () => ({ result: 'failure', status: 423 }) as never,
    });
    const login = spanNamed(finished(), 'sigra.auth.login');
    expect(login.status.code).toBe(SpanStatusCode.ERROR);
    expect(login.attributes).toMatchObject({
      'error.type': 'invalid_credentials',
      'sigra.result': 'failure',
    });
    expect(spanNamed(finished(), 'sigra.session.create').attributes['error.type']).toBe('423');
  });

  it("leaves a failure stop without status under failureStatus: 'unset'", () => {
    bridge({ failureStatus: 'unset' });
    span(LOGIN, {}, () => 1, { stopMetadata: () => ({ result: 'failure' }) as never });
    const login = spanNamed(finished(), 'sigra.auth.login');
    expect(login.status.code).toBe(SpanStatusCode.UNSET);
    expect(login.attributes['error.type']).toBe('_OTHER');
  });
});

describe('signals', () => {
  it('become events on the active span, with metadata and numeric measurements', () => {
    bridge();
    span(LOGIN, {}, () =>
      execute(['sigra', 'security', 'rate_limited'], { count: 1 }, {
        ip: '192.0.2.7',
        retry_after: 30,
      } as never),
    );
    const login = spanNamed(finished(), 'sigra.auth.login');
    expect(login.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        'sigra.security.rate_limited',
        { 'client.address': '192.0.2.7', 'sigra.retry_after': 30, 'sigra.measurement.count': 1 },
      ],
    ]);
  });

  it('are dropped without an active span, or become short spans with span-events-or-spans', () => {
    bridge();
    execute(['sigra', 'security', 'lockout'], {}, { user_id: 1 } as never);
    expect(finished()).toEqual([]);
    for (const stop of stops.splice(0)) stop();

    bridge({ signals: 'span-events-or-spans' });
    execute(['sigra', 'security', 'lockout'], {}, { user_id: 1 } as never);
    expect(spanNamed(finished(), 'sigra.security.lockout').attributes).toEqual({ 'user.id': 1 });
  });

  it("are ignored with signals: 'off'", () => {
    bridge({ signals: 'off' });
    span(LOGIN, {}, () => execute(['sigra', 'security', 'lockout'], {}, { user_id: 1 } as never));
    expect(spanNamed(finished(), 'sigra.auth.login').events).toEqual([]);
  });
});

/** Process warnings with our code, emitted on the next tick as Node does. */
async function warningsDuring(attachments: () => unknown): Promise<string[]> {
  const seen: string[] = [];
  const listener = (warning: Error & { code?: string }) => {
    if (warning.code === DUPLICATE_ATTACH_WARNING) seen.push(warning.message);
  };
  process.on('warning', listener);
  try {
    await attachments();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listener);
  }
  return seen;
}

const loginSpans = () => finished().filter((s) => s.name === 'sigra.auth.login');

describe('attaching twice', () => {
  it('to the same tracer provider does nothing but warn, naming what to remove', async () => {
    const seconds: (() => void)[] = [];
    const warnings = await warningsDuring(() => {
      bridge();
      // The global provider, then the SDK provider behind it: the same place either way.
      seconds.push(attachOpenTelemetry({ tracerProvider: sdk.provider }));
      stops.push(attachOpenTelemetry());
    });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/already go to this tracer provider.*does nothing/);
    expect(warnings[0]).toMatch(/remove the other/);
    span(LOGIN, {}, () => 1);
    expect(loginSpans()).toHaveLength(1);

    // Stopping an attach that did nothing leaves the first one running.
    seconds[0]!();
    span(LOGIN, {}, () => 1);
    expect(loginSpans()).toHaveLength(2);
  });

  it('works again once the first attach is stopped, and to another provider is allowed', async () => {
    const first = attachOpenTelemetry();
    first();
    const other = new InMemorySpanExporter();
    const otherProvider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(other)],
    });
    const warnings = await warningsDuring(() => {
      bridge();
      bridge({ tracerProvider: otherProvider });
    });
    expect(warnings).toEqual([]);
    span(LOGIN, {}, () => 1);
    expect(loginSpans()).toHaveLength(1);
    expect(other.getFinishedSpans().map((s) => s.name)).toEqual(['sigra.auth.login']);
  });

  it('from a preload and SigraOpenTelemetryModule gives one span per request; closing the app keeps the preload', async () => {
    bridge();
    let app: INestApplication | undefined;
    const warnings = await warningsDuring(async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          SigraTelemetryModule.forRoot({ logger: false }),
          SigraOpenTelemetryModule.forRoot(),
        ],
        controllers: [AuthController],
        providers: [AuthService, SessionsService],
      }).compile();
      app = await track(moduleRef.createNestApplication({ logger: false })).init();
    });
    expect(warnings).toHaveLength(1);
    await request(app!.getHttpServer()).get('/auth/login').expect(200);
    expect(loginSpans()).toHaveLength(1);
    await close(app!);
    span(LOGIN, {}, () => 1);
    expect(loginSpans()).toHaveLength(2);
  });
});

describe('bad options', () => {
  it('are refused with the problem and the fix', () => {
    expect(() => attachOpenTelemetry({ signals: 'events' as never })).toThrow(
      "attachOpenTelemetry: option signals must be one of 'span-events', 'span-events-or-spans', 'off', got",
    );
    expect(() => attachOpenTelemetry({ failureStatus: 'ok' as never })).toThrow(
      /failureStatus must be one of/,
    );
    expect(() => attachOpenTelemetry({ tracerProvider: {} as never })).toThrow(
      /must be an OpenTelemetry TracerProvider/,
    );
    expect(() => attachOpenTelemetry({ attributes: { user_id: 3 } as never })).toThrow(
      /attributes\.user_id must be an attribute name or false/,
    );
  });
});

@Injectable()
class SessionsService {
  @SigraSpan(['sigra', 'session', 'create'], {
    metadata: (userId: number) => ({ user_id: userId, type: 'standard' }),
  })
  create(userId: number): string {
    return `session of ${userId}`;
  }
}

@Injectable()
class AuthService {
  constructor(private readonly sessions: SessionsService) {}

  @SigraSpan(['sigra', 'auth', 'login'], {
    stopMetadata: (userId: number) => ({ user_id: userId }),
  })
  async login(): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.sessions.create(7);
    return 7;
  }
}

@Controller('auth')
@UseInterceptors(SigraSpanInterceptor)
class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get('login')
  async login(): Promise<{ id: number }> {
    return { id: await this.auth.login() };
  }

  @Get('logout')
  @SigraSpan(['sigra', 'auth', 'logout'])
  logout(): Observable<string> {
    return defer(() => of(String(trace.getSpan(context.active())?.spanContext().spanId))).pipe(
      delay(1),
    );
  }
}

/** Stands in for the HTTP instrumentation: each request runs inside a server span. */
function requestSpans(app: INestApplication): void {
  app.use((req: { method: string; url: string }, res: NodeJS.EventEmitter, next: () => void) => {
    const server = sdk.tracer.startSpan(`${req.method} ${req.url}`);
    res.on('finish', () => server.end());
    context.with(trace.setSpan(context.active(), server), next);
  });
}

describe('in a Nest app: SigraOpenTelemetryModule and nested @SigraSpan calls', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        SigraTelemetryModule.forRoot({ logger: false }),
        SigraOpenTelemetryModule.forRootAsync({ useFactory: () => ({}) }),
      ],
      controllers: [AuthController],
      providers: [AuthService, SessionsService],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    requestSpans(app);
    await app.init();
  });
  afterAll(() => app.close());

  it('nests service spans under each other across awaits, one trace per request', async () => {
    await request(app.getHttpServer()).get('/auth/login').expect(200, { id: 7 });
    await request(app.getHttpServer()).get('/auth/login').expect(200);
    const logins = finished().filter((s) => s.name === 'sigra.auth.login');
    const sessions = finished().filter((s) => s.name === 'sigra.session.create');
    expect(logins).toHaveLength(2);
    for (const [i, login] of logins.entries()) {
      expect(parentOf(sessions[i]!)).toBe(login.spanContext().spanId);
      expect(sessions[i]!.spanContext().traceId).toBe(login.spanContext().traceId);
      expect(sessions[i]!.attributes).toEqual({ 'user.id': 7, 'sigra.type': 'standard' });
    }
    expect(logins[0]!.spanContext().traceId).not.toBe(logins[1]!.spanContext().traceId);
    expect(logins[0]!.attributes).toEqual({ 'user.id': 7 });
  });

  it('spans an interceptor-covered handler once, active while its Observable runs', async () => {
    const response = await request(app.getHttpServer()).get('/auth/logout').expect(200);
    const logout = spanNamed(finished(), 'sigra.auth.logout');
    expect(response.text).toBe(logout.spanContext().spanId);
  });

  it('gives a handler returning an Observable one ended span per request, under the request span, and leaks none', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await request(app.getHttpServer()).get('/auth/logout').expect(200)).text);
    }
    const servers = finished().filter((s) => s.name === 'GET /auth/logout');
    const logouts = finished().filter((s) => s.name === 'sigra.auth.logout');
    expect(servers).toHaveLength(3);
    expect(logouts).toHaveLength(3);
    // Each Sigra span is the child of its own request's span, and active inside the subscription.
    expect(logouts.map(parentOf)).toEqual(servers.map((s) => s.spanContext().spanId));
    expect(logouts.map((s) => s.spanContext().spanId)).toEqual(ids);
    expect(sdk.openSpanNames()).toEqual([]);
  });

  it('detaches when the app closes', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [SigraOpenTelemetryModule.forRoot()],
    }).compile();
    const other = await track(moduleRef.createNestApplication({ logger: false })).init();
    await close(other);
    sdk.exporter.reset();
    // The first app's bridge still runs: exactly one span per call, not two.
    span(LOGIN, {}, () => 1);
    expect(finished().filter((s) => s.name === 'sigra.auth.login')).toHaveLength(1);
  });
});
