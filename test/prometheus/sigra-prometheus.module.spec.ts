import 'reflect-metadata';
import {
  Controller,
  Injectable,
  Module,
  Post,
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
} from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { register, Registry } from 'prom-client';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { SigraSpan, SigraTelemetryModule, listHandlers } from '../../lib/index.js';
import { sigraMetrics } from '../../lib/metrics/index.js';
import { SigraPrometheusModule, SigraPrometheusService } from '../../lib/prometheus/index.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

@Controller('auth')
class LoginController {
  @Post('login')
  @SigraSpan(['sigra', 'auth', 'login'])
  login(): { ok: true } {
    return { ok: true };
  }
}

const apps: INestApplication[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function start(prometheus: unknown, adapter?: FastifyAdapter): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [SigraTelemetryModule.forRoot({ logger: false }), prometheus as never],
    controllers: [LoginController],
  }).compile();
  const app =
    adapter === undefined
      ? moduleRef.createNestApplication({ logger: false })
      : moduleRef.createNestApplication<NestFastifyApplication>(adapter, { logger: false });
  apps.push(app);
  await app.init();
  if (adapter !== undefined)
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  return app;
}

const LOGIN_COUNT =
  /sigra_span_duration_seconds_count\{span="auth\.login",result="success"\} (\d+)/;

describe('SigraPrometheusModule', () => {
  it('serves the metrics of real requests at /metrics with prom-client content type', async () => {
    const registry = new Registry();
    const app = await start(SigraPrometheusModule.forRoot({ metrics: sigraMetrics(), registry }));
    await request(app.getHttpServer()).post('/auth/login').expect(201);
    await request(app.getHttpServer()).post('/auth/login').expect(201);
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toBe(registry.contentType);
    expect(response.text).toContain('# TYPE sigra_span_duration_seconds histogram');
    expect(LOGIN_COUNT.exec(response.text)?.[1]).toBe('2');
  });

  it('uses the global registry by default and leaves it clean on close, so an app can start again', async () => {
    for (let round = 0; round < 2; round++) {
      const app = await start(SigraPrometheusModule.forRoot({ metrics: sigraMetrics() }));
      await request(app.getHttpServer()).post('/auth/login').expect(201);
      const response = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(LOGIN_COUNT.exec(response.text)?.[1]).toBe('1');
      await apps.pop()?.close();
      expect(register.getSingleMetric('sigra_span_duration_seconds')).toBeUndefined();
      expect(listHandlers(['sigra'])).toEqual([]);
    }
  });

  it('requires the bearer token when one is set', async () => {
    const app = await start(
      SigraPrometheusModule.forRoot({
        metrics: sigraMetrics(),
        registry: new Registry(),
        bearerToken: 's3cret-token',
      }),
    );
    const server = app.getHttpServer();
    await request(server).get('/metrics').expect(401);
    await request(server).get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
    await request(server).get('/metrics').set('Authorization', 's3cret-token').expect(401);
    const ok = await request(server)
      .get('/metrics')
      .set('Authorization', 'Bearer s3cret-token')
      .expect(200);
    expect(ok.text).toContain('sigra_events_total');
  });

  it('runs the given guard', async () => {
    @Injectable()
    class InternalOnly implements CanActivate {
      canActivate(context: ExecutionContext): boolean {
        return (
          context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers[
            'x-internal'
          ] === 'yes'
        );
      }
    }
    const app = await start(
      SigraPrometheusModule.forRoot({
        metrics: sigraMetrics(),
        registry: new Registry(),
        guard: InternalOnly,
      }),
    );
    await request(app.getHttpServer()).get('/metrics').expect(403);
    await request(app.getHttpServer()).get('/metrics').set('x-internal', 'yes').expect(200);
  });

  it('takes options from forRootAsync and a path', async () => {
    @Module({ providers: [{ provide: 'TOKEN', useValue: 'from-config' }], exports: ['TOKEN'] })
    class ConfigModule {}
    const registry = new Registry();
    const app = await start(
      SigraPrometheusModule.forRootAsync({
        path: '/internal/metrics',
        imports: [ConfigModule],
        inject: ['TOKEN'],
        useFactory: async (token: string) => ({
          metrics: sigraMetrics(),
          registry,
          bearerToken: token,
        }),
      }),
    );
    await request(app.getHttpServer()).get('/metrics').expect(404);
    const response = await request(app.getHttpServer())
      .get('/internal/metrics')
      .set('Authorization', 'Bearer from-config')
      .expect(200);
    expect(response.text).toContain('sigra_handler_failures_total');
    expect(app.get(SigraPrometheusService).registry).toBe(registry);
  });

  it('collects the default process metrics on request, and removes them on close', async () => {
    const registry = new Registry();
    const app = await start(
      SigraPrometheusModule.forRoot({ metrics: [], registry, defaultMetrics: true }),
    );
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.text).toContain('process_cpu_user_seconds_total');
    await apps.pop()?.close();
    expect(registry.getMetricsAsArray()).toEqual([]);
  });

  it('serves on Fastify too', async () => {
    const registry = new Registry();
    const app = await start(
      SigraPrometheusModule.forRoot({ metrics: sigraMetrics(), registry }),
      new FastifyAdapter(),
    );
    await request(app.getHttpServer()).post('/auth/login').expect(201);
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toBe(registry.contentType);
    expect(LOGIN_COUNT.exec(response.text)?.[1]).toBe('1');
  });

  it.each([
    [{}, /SigraPrometheusModule: options must be an object with metrics/],
    [{ metrics: sigraMetrics(), bearerToken: ' ' }, /bearerToken must be a non-empty string/],
    [{ metrics: sigraMetrics(), defaultMetrics: 'yes' }, /defaultMetrics must be true or false/],
    [
      { metrics: sigraMetrics(), registry: new Registry(), maxLabelSets: -1 },
      /maxLabelSets must be a positive integer/,
    ],
  ])('refuses bad options at boot: %#', async (options, message) => {
    await expect(start(SigraPrometheusModule.forRoot(options as never))).rejects.toThrow(message);
  });
});
