import 'reflect-metadata';
import type { LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** An app logger that accepts every level and writes nowhere: formatting still happens. */
export class DiscardingLogger implements LoggerService {
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
export function importSample(file: string): Promise<Record<string, unknown>> {
  return import(new URL(`../../dist-sample/${file}`, import.meta.url).href);
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

/**
 * Starts the compiled sample app on a free loopback port, its own default logger on and the app
 * logger discarding what it receives, and returns it with its base URL.
 */
export async function listenSampleApp(): Promise<{ app: NestExpressApplication; base: string }> {
  const { AppModule, configureApp } = await loadSampleApp();
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule, { logger: new DiscardingLogger() }),
  );
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, base };
}

export async function post(
  base: string,
  path: string,
  body: object,
  token?: string,
): Promise<unknown> {
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

/** The account the benches register and log in with. */
export const BENCH_CREDENTIALS = {
  email: 'bench@example.com',
  password: 'correct horse battery staple 42',
} as const;

/** Registers the bench account, logs in and creates the API token the load tests send. */
export async function createApiToken(base: string): Promise<string> {
  await post(base, '/auth/register', BENCH_CREDENTIALS);
  const { session_token } = (await post(base, '/auth/login', BENCH_CREDENTIALS)) as {
    session_token: string;
  };
  // Creating an API token takes sudo mode: the password re-entered.
  await post(base, '/auth/sudo', { password: BENCH_CREDENTIALS.password }, session_token);
  const { token } = (await post(base, '/api-tokens', { name: 'bench' }, session_token)) as {
    token: string;
  };
  return token;
}
