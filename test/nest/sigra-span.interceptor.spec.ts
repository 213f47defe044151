import 'reflect-metadata';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Module,
  Param,
  ParseIntPipe,
  Post,
  UnauthorizedException,
  UseInterceptors,
  type CallHandler,
  type INestApplication,
  type NestInterceptor,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { catchError, interval, map, take, throwError, type Observable } from 'rxjs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SigraSpan,
  SigraSpanInterceptor,
  SigraTelemetryModule,
  type SigraTelemetryModuleOptions,
} from '../../lib/index.js';
import {
  detachAllAfterEach,
  expectEndMetadata,
  phases,
  record,
  spanEvents,
} from '../support/registry.js';

detachAllAfterEach();

const names = (seen: { event: string }[]) => seen.map((e) => e.event);
const LOGIN = ['sigra', 'auth', 'login'];
const STREAM = ['sigra', 'session', 'sudo'];
const REGISTER = ['sigra', 'auth', 'register'];

interface RequestWithUser {
  user?: { id: number };
  method: string;
  url: string;
}

const contextMetadata: SigraTelemetryModuleOptions['spanContextMetadata'] = (context) => {
  const req = context.switchToHttp().getRequest<RequestWithUser>();
  return { user_id: 42, http_method: req.method };
};

/** Errors as they come out of `SigraSpanInterceptor`, which runs inside this one. */
const propagated: unknown[] = [];
class RecordErrors implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler) {
    return next.handle().pipe(
      catchError((error: unknown) => {
        propagated.push(error);
        return throwError(() => error);
      }),
    );
  }
}

const REFUSED = new UnauthorizedException('wrong password');
const CRASH = new Error('database down');
const LOCKED = new Error('locked');
const CREATE = ['sigra', 'session', 'create'];

@Controller('auth')
@UseInterceptors(RecordErrors, SigraSpanInterceptor)
class ControllerScoped {
  @Post('login')
  @HttpCode(200)
  @SigraSpan(LOGIN, {
    stopMetadata: (body: { ok: boolean }) => ({ result: body.ok ? 'success' : 'failure' }),
  })
  login(@Body() body: { password?: string }) {
    if (body.password === undefined) throw new BadRequestException('password is required');
    return { ok: body.password === 'right' };
  }

  @Get('stream')
  @SigraSpan(STREAM)
  stream(): Observable<{ n: number }> {
    return interval(15).pipe(
      take(3),
      map((n) => ({ n })),
    );
  }

  @Get('plain')
  plain() {
    return { plain: true };
  }

  @Post('refused')
  @SigraSpan(LOGIN)
  refused(): never {
    throw REFUSED;
  }

  @Post('crash')
  @SigraSpan(LOGIN)
  async crash(): Promise<never> {
    throw CRASH;
  }

  @Post('locked')
  @SigraSpan(CREATE, { isFailure: (error) => error === LOCKED })
  locked(): never {
    throw LOCKED;
  }

  @Post('unauthorized')
  @SigraSpan(CREATE, { isFailure: (error) => error === LOCKED })
  unauthorized(): never {
    throw REFUSED;
  }
}

@Controller('handler')
class HandlerScoped {
  @Post('register')
  @UseInterceptors(SigraSpanInterceptor)
  @SigraSpan(REGISTER, { contextMetadata: () => ({ route: '/handler/register' }) })
  register() {
    return { registered: true };
  }
}

@Module({
  imports: [SigraTelemetryModule.forRoot({ logger: false, spanContextMetadata: contextMetadata })],
  controllers: [ControllerScoped, HandlerScoped],
})
class ScopedApp {}

async function createApp(module: unknown, fastify: boolean): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [module as never] }).compile();
  if (!fastify) {
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return app;
  }
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe.each([
  ['Express', false],
  ['Fastify', true],
])('SigraSpanInterceptor on %s', (_, fastify) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createApp(ScopedApp, fastify);
  });
  afterAll(() => app.close());

  it('spans a decorated handler once, with context metadata and stop metadata from the response', async () => {
    const seen = record('s', spanEvents(LOGIN));
    await request(app.getHttpServer())
      .post('/auth/login')
      .send({ password: 'wrong' })
      .expect(200, { ok: false });
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
    expect(seen[0]?.metadata).toEqual({
      user_id: 42,
      http_method: 'POST',
      telemetry_span_context: expect.anything(),
    });
    expect(seen[1]?.metadata).toMatchObject({ user_id: 42, result: 'failure' });
  });

  it('ends with stop, result failure and the status for a 4xx HttpException; the client still gets it', async () => {
    const seen = record('s', spanEvents(LOGIN));
    const response = await request(app.getHttpServer()).post('/auth/login').send({}).expect(400);
    expect(response.body.message).toBe('password is required');
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
    expectEndMetadata(seen, { user_id: 42, http_method: 'POST', result: 'failure', status: 400 });
  });

  it('propagates the very error it classified as a failure', async () => {
    propagated.length = 0;
    const seen = record('s', spanEvents(LOGIN));
    await request(app.getHttpServer()).post('/auth/refused').expect(401);
    expect(propagated).toEqual([REFUSED]);
    expect(propagated[0]).toBe(REFUSED);
    expect(seen[1]?.metadata).toMatchObject({ result: 'failure', status: 401 });
  });

  it('keeps exception for any other error, which propagates unchanged', async () => {
    propagated.length = 0;
    const seen = record('s', spanEvents(LOGIN));
    await request(app.getHttpServer()).post('/auth/crash').expect(500);
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.exception']);
    expect(seen[1]?.metadata.reason).toEqual(CRASH);
    expect(seen[1]?.metadata.kind).toBe('error');
    expect(propagated[0]).toBe(CRASH);
  });

  it("follows the handler's isFailure instead of the default rule", async () => {
    const seen = record('s', spanEvents(CREATE));
    await request(app.getHttpServer()).post('/auth/locked').expect(500);
    await request(app.getHttpServer()).post('/auth/unauthorized').expect(401);
    expect(phases(seen)).toEqual(['start', 'stop', 'start', 'exception']);
    expect(seen[1]?.metadata.result).toBe('failure');
    expect(seen[1]?.metadata).not.toHaveProperty('status');
    expect(seen[3]?.metadata.reason).toEqual(REFUSED);
  });

  it('adds result success to the stop of a response', async () => {
    const seen = record('s', spanEvents(REGISTER));
    await request(app.getHttpServer()).post('/handler/register').expect(201);
    expect(seen[1]?.metadata.result).toBe('success');
  });

  it('covers an Observable response stream until it completes', async () => {
    const seen = record('s', spanEvents(STREAM));
    const started = Date.now();
    const response = await request(app.getHttpServer()).get('/auth/stream').expect(200);
    expect(response.body).toEqual({ n: 2 });
    expect(names(seen)).toEqual(['sigra.session.sudo.start', 'sigra.session.sudo.stop']);
    const duration = seen[1]?.measurements.duration as number;
    expect(duration).toBeGreaterThanOrEqual(30e6);
    expect(duration).toBeLessThanOrEqual((Date.now() - started + 5) * 1e6);
  });

  it('bound per handler, with handler context metadata merged over the module one', async () => {
    const seen = record('s', spanEvents(REGISTER));
    await request(app.getHttpServer()).post('/handler/register').expect(201);
    expect(names(seen)).toEqual(['sigra.auth.register.start', 'sigra.auth.register.stop']);
    expect(seen[0]?.metadata).toMatchObject({ user_id: 42, route: '/handler/register' });
  });

  it('leaves handlers without @SigraSpan untouched', async () => {
    const seen = record('s', [...spanEvents(LOGIN), ...spanEvents(STREAM)]);
    await request(app.getHttpServer()).get('/auth/plain').expect(200, { plain: true });
    expect(seen).toEqual([]);
  });
});

@Controller()
class PipeRefused {
  calls = 0;

  @Get('verify/:code')
  @SigraSpan(LOGIN)
  verify(@Param('code', ParseIntPipe) code: number) {
    this.calls++;
    return { code };
  }
}

@Controller()
class GlobalScoped {
  calls = 0;

  @Post('login')
  @SigraSpan(LOGIN)
  async login() {
    this.calls++;
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { ok: true };
  }
}

@Module({
  imports: [SigraTelemetryModule.forRoot({ logger: false })],
  controllers: [GlobalScoped, PipeRefused],
  providers: [{ provide: APP_INTERCEPTOR, useClass: SigraSpanInterceptor }],
})
class GlobalApp {}

describe('SigraSpanInterceptor with a hand-written CallHandler', () => {
  class LoginHandlers {
    @SigraSpan(LOGIN)
    login() {
      return 'ok';
    }
  }

  it('ends the span with exception when handle() throws instead of returning a stream', async () => {
    const seen = record('rec', spanEvents(LOGIN));
    const boom = new Error('handler chain failed');
    const context = new ExecutionContextHost([], LoginHandlers, LoginHandlers.prototype.login);
    const handler: CallHandler = {
      handle: () => {
        throw boom;
      },
    };
    const errors: unknown[] = [];
    new SigraSpanInterceptor().intercept(context, handler).subscribe({
      error: (error: unknown) => errors.push(error),
    });
    expect(errors).toEqual([boom]);
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.exception']);
  });
});

describe('SigraSpanInterceptor as APP_INTERCEPTOR', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createApp(GlobalApp, false);
  });
  afterAll(() => app.close());

  it('spans exactly once per request, also under concurrent requests', async () => {
    const seen = record('s', spanEvents(LOGIN));
    await Promise.all(
      Array.from({ length: 20 }, () => request(app.getHttpServer()).post('/login').expect(201)),
    );
    expect(seen.filter((e) => e.event.endsWith('.start'))).toHaveLength(20);
    expect(seen.filter((e) => e.event.endsWith('.stop'))).toHaveLength(20);
    const contexts = new Set(seen.map((e) => e.metadata.telemetry_span_context));
    expect(contexts.size).toBe(20);
  });

  it('spans a direct call of the same method through the decorator', async () => {
    const seen = record('s', spanEvents(LOGIN));
    await app.get(GlobalScoped).login();
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
  });

  it('withdraws its hand-over, so that a later direct call of the method is spanned', async () => {
    const seen = record('s', spanEvents(LOGIN));
    await request(app.getHttpServer()).get('/verify/abc').expect(400);
    const controller = app.get(PipeRefused);
    expect(controller.calls).toBe(0);
    expect(names(seen)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
    expect(seen[1]!.metadata).toMatchObject({ result: 'failure', status: 400 });

    controller.verify(7);
    expect(controller.calls).toBe(1);
    expect(names(seen).slice(2)).toEqual(['sigra.auth.login.start', 'sigra.auth.login.stop']);
  });
});
