import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { cataloguedEvents, uncataloguedEvents } from '@sigra/nestjs-telemetry';
import { captureTelemetry, type TelemetryCapture } from '@sigra/nestjs-telemetry/testing';
import request from 'supertest';
import { AppModule } from '../../../sample-app/src/app.module.js';
import { configureApp, type HttpOptions } from '../../../sample-app/src/app.setup.js';
import { CLOCK } from '../../../sample-app/src/clock/clock.js';
import { OutboxMailer } from '../../../sample-app/src/mail/outbox.mailer.js';
import {
  DEFAULT_LOGIN_RATE_LIMIT,
  DEFAULT_RATE_LIMITS,
  RATE_LIMITS,
  type LoginRateLimitOptions,
  type RateLimits,
} from '../../../sample-app/src/security/security.constants.js';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../../../sample-app/src/users/users.repository.js';
import { RecordingLogger } from '../../support/nest.js';
import { ManualClock } from './manual-clock.js';

/** The sample app booted for a test, with its log, its telemetry and its clock in hand. */
export interface SampleApp {
  readonly app: NestExpressApplication;
  readonly logger: RecordingLogger;
  /** Every catalogued and uncatalogued event since the app started (or since `capture.clear()`). */
  readonly capture: TelemetryCapture;
  /** The app's clock: starts at the real time and moves only when the test says. */
  readonly clock: ManualClock;
  /** The development outbox, where every e-mail the app sends lands. */
  readonly outbox: OutboxMailer;
  /** A supertest agent on the app's HTTP server. */
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/** What a test may change in the app it boots. */
export interface SampleAppOptions extends HttpOptions {
  /** Rate limits to replace (the others keep their defaults). */
  rateLimits?: Partial<RateLimits>;
}

/**
 * Boots `AppModule` as `main.ts` does, on a `ManualClock`, with the login rate limit and other
 * options optionally overridden.
 */
export async function startSampleApp(
  rateLimit: LoginRateLimitOptions = DEFAULT_LOGIN_RATE_LIMIT,
  options: SampleAppOptions = {},
): Promise<SampleApp> {
  const clock = new ManualClock(Date.now());
  const { rateLimits, ...http } = options;
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .overrideProvider(RATE_LIMITS)
    .useValue({ ...DEFAULT_RATE_LIMITS, login: rateLimit, ...rateLimits })
    .compile();
  const logger = new RecordingLogger();
  const app = configureApp(
    moduleRef.createNestApplication<NestExpressApplication>({ logger }),
    http,
  );
  await app.init();
  const capture = captureTelemetry([...cataloguedEvents(), ...uncataloguedEvents()]);
  return {
    app,
    logger,
    capture,
    clock,
    outbox: app.get(OutboxMailer),
    http: () => request(app.getHttpServer()),
    close: async () => {
      capture.detach();
      await app.close();
    },
  };
}

/** Registers a user from `ip` (default: the test's own address); returns its id. */
export async function registerUser(
  sample: SampleApp,
  email: string,
  password: string,
  ip = '192.0.2.1',
) {
  await sample
    .http()
    .post('/auth/register')
    .set('X-Forwarded-For', ip)
    .send({ email, password })
    .expect(201);
  // The answer is the same for a new and a taken address, so it carries no id: read storage.
  return sample.app.get<UsersRepository>(USERS_REPOSITORY).findByEmail(email)!.id;
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

/** Confirms the password of the session `auth` (`Bearer …`) from `ip`, opening sudo mode. */
export async function enterSudo(sample: SampleApp, auth: string, password: string, ip: string) {
  await sample
    .http()
    .post('/auth/sudo')
    .set('Authorization', auth)
    .set('X-Forwarded-For', ip)
    .send({ password })
    .expect(200);
}
