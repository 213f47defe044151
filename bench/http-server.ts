import 'reflect-metadata';
import type { LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { SigraPrometheusService } from '@sigra/nestjs-telemetry/prometheus';
import type { ServerReady, SetTelemetry } from './http-protocol.js';

/** The traced route: a guard that verifies an API token inside `@SigraSpan(api_token.verify)`. */
const ROUTE = '/api-tokens/whoami';

/** An app logger that accepts every level and writes nowhere: formatting still happens. */
class DiscardingLogger implements LoggerService {
  log(): void {}
  error(): void {}
  warn(): void {}
  debug(): void {}
  verbose(): void {}
  fatal(): void {}
}

interface SampleApp {
  AppModule: Type<unknown>;
  configureApp: (app: NestExpressApplication) => NestExpressApplication;
}

/** Imports a module of the compiled sample app (`npm run build:sample` writes `dist-sample/`). */
function importSample(file: string): Promise<Record<string, unknown>> {
  return import(new URL(`../dist-sample/${file}`, import.meta.url).href);
}

async function loadSampleApp(): Promise<SampleApp> {
  const [setup, module] = await Promise.all([
    importSample('app.setup.js'),
    importSample('app.module.js'),
  ]);
  return {
    AppModule: module.AppModule as SampleApp['AppModule'],
    configureApp: setup.configureApp as SampleApp['configureApp'],
  };
}

async function post(base: string, path: string, body: object, token?: string): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Registers a user, logs in and creates the API token the load test sends. */
async function createApiToken(base: string): Promise<string> {
  const credentials = { email: 'bench@example.com', password: 'correct horse battery staple 42' };
  await post(base, '/auth/register', credentials);
  const { session_token } = (await post(base, '/auth/login', credentials)) as {
    session_token: string;
  };
  const { token } = (await post(base, '/api-tokens', { name: 'bench' }, session_token)) as {
    token: string;
  };
  return token;
}

/**
 * Telemetry off: no handler attached at all (the state `logger: false` gives). On: the sample
 * app's default logger (text, level `log`, formatted then discarded by the app logger) and its
 * Prometheus reporter with `sigraMetrics()`, as the sample app starts them.
 */
function setTelemetry(
  telemetry: SigraTelemetryService,
  prometheus: SigraPrometheusService,
  on: boolean,
): void {
  telemetry.detachDefaultLogger();
  prometheus.onModuleDestroy();
  if (!on) return;
  telemetry.attachDefaultLogger();
  prometheus.onModuleInit();
}

async function serve(): Promise<void> {
  const { AppModule, configureApp } = await loadSampleApp();
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule, { logger: new DiscardingLogger() }),
  );
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const token = await createApiToken(base);
  const telemetry = app.get(SigraTelemetryService);
  const prometheus = app.get(SigraPrometheusService);
  process.on('message', (message: SetTelemetry) => {
    setTelemetry(telemetry, prometheus, message.on);
    process.send!(message);
  });
  process.on('disconnect', () => void app.close());
  const ready: ServerReady = {
    kind: 'ready',
    url: `${base}${ROUTE}`,
    headers: { authorization: `Bearer ${token}` },
  };
  process.send!(ready);
}

await serve();
