import { AsyncLocalStorage } from 'node:async_hooks';
import { tracingChannel, type TracingChannelSubscribers } from 'node:diagnostics_channel';
import 'reflect-metadata';
import { Controller, Get, Injectable, UseInterceptors } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as sigra from '../../lib/index.js';
import type { SigraTraceContext } from '../../lib/index.js';

const { SigraSpan, SigraSpanInterceptor, SigraTelemetryModule } = sigra;

/** What an APM agent keeps: its current span, bound to the login's TracingChannel. */
const apmSpan = new AsyncLocalStorage<string>();

@Injectable()
class SessionsService {
  @SigraSpan(['sigra', 'session', 'create'], {
    metadata: (userId: number) => ({ user_id: userId, type: 'standard' }),
  })
  create(userId: number): string {
    return `${userId}:${apmSpan.getStore()}`;
  }
}

@Controller('auth')
@UseInterceptors(SigraSpanInterceptor)
class AuthController {
  constructor(private readonly sessions: SessionsService) {}

  @Get('login')
  @SigraSpan(['sigra', 'auth', 'login'], { stopMetadata: () => ({ user_id: 7 }) })
  async login(): Promise<{ session: string }> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { session: this.sessions.create(7) };
  }
}

describe('diagnostics_channel in a Nest app, over HTTP', () => {
  let app: INestApplication;
  const seen: { event: string; name: string; metadata: unknown; result?: unknown }[] = [];
  const login = tracingChannel<unknown, SigraTraceContext>('sigra.auth.login');
  const record = (event: string) => (context: SigraTraceContext) => {
    seen.push({
      event,
      name: context.name.join('.'),
      metadata: context.metadata,
      result: context.result,
    });
  };
  const subscribers: TracingChannelSubscribers<SigraTraceContext> = {
    start: record('start'),
    end: record('end'),
    asyncStart: record('asyncStart'),
    asyncEnd: record('asyncEnd'),
    error: record('error'),
  };

  beforeAll(async () => {
    login.subscribe(subscribers);
    login.start.bindStore(apmSpan, (context) => `apm:${context.name.join('.')}`);
    const moduleRef = await Test.createTestingModule({
      imports: [SigraTelemetryModule.forRoot({ logger: false })],
      controllers: [AuthController],
      providers: [SessionsService],
    }).compile();
    app = await moduleRef.createNestApplication({ logger: false }).init();
  });

  afterAll(async () => {
    login.unsubscribe(subscribers);
    login.start.unbindStore(apmSpan);
    await app.close();
  });

  it('publishes the interceptor span, with no handler attached, and binds the agent store through the handler', async () => {
    const response = await request(app.getHttpServer()).get('/auth/login').expect(200);
    // The handler ran, across an await, inside the store the agent bound on `start`.
    expect(response.body).toEqual({ session: '7:apm:sigra.auth.login' });
    // One span, the subscription that runs the handler: the call creating the interceptor's
    // Observable publishes nothing (an agent would show it as a second, empty span).
    expect(seen.map((s) => s.event)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    const last = seen.at(-1)!;
    expect(last.metadata).toMatchObject({ user_id: 7 });
    expect(last.result).toEqual({ session: '7:apm:sigra.auth.login' });
  });
});
