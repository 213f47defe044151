import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { cataloguedEvents } from '@sigra/nestjs-telemetry';
import { captureTelemetry, type TelemetryCapture } from '@sigra/nestjs-telemetry/testing';
import request from 'supertest';
import { AppModule } from '../../../sample-app/src/app.module.js';
import { configureApp } from '../../../sample-app/src/app.setup.js';
import {
  DEFAULT_LOGIN_RATE_LIMIT,
  LOGIN_RATE_LIMIT,
  type LoginRateLimitOptions,
} from '../../../sample-app/src/security/security.constants.js';
import { RecordingLogger } from '../../support/nest.js';

/** The sample app booted for a test, with its log and its telemetry recorded. */
export interface SampleApp {
  readonly app: NestExpressApplication;
  readonly logger: RecordingLogger;
  /** Every catalogued event since the app started (or since `capture.clear()`). */
  readonly capture: TelemetryCapture;
  /** A supertest agent on the app's HTTP server. */
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/** Boots `AppModule` as `main.ts` does, with the login rate limit optionally overridden. */
export async function startSampleApp(
  rateLimit: LoginRateLimitOptions = DEFAULT_LOGIN_RATE_LIMIT,
): Promise<SampleApp> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(LOGIN_RATE_LIMIT)
    .useValue(rateLimit)
    .compile();
  const logger = new RecordingLogger();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>({ logger }));
  await app.init();
  const capture = captureTelemetry(cataloguedEvents());
  return {
    app,
    logger,
    capture,
    http: () => request(app.getHttpServer()),
    close: async () => {
      capture.detach();
      await app.close();
    },
  };
}

/** Registers a user; returns its id. */
export async function registerUser(sample: SampleApp, email: string, password: string) {
  const response = await sample.http().post('/auth/register').send({ email, password }).expect(201);
  return response.body.id as number;
}

/** Logs in from `ip`; returns the session token. */
export async function logIn(sample: SampleApp, email: string, password: string, ip: string) {
  const response = await sample
    .http()
    .post('/auth/login')
    .set('X-Forwarded-For', ip)
    .send({ email, password })
    .expect(200);
  return response.body.session_token as string;
}
