import 'reflect-metadata';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { cataloguedEvents, uncataloguedEvents } from '@sigra/nestjs-telemetry';
import { captureTelemetry, type CapturedEvent } from '@sigra/nestjs-telemetry/testing';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../app.module.js';
import { configureApp } from '../app.setup.js';
import { dashboardUrl } from '../dashboard/dashboard.module.js';
import { totp } from '../crypto/totp.js';
import type { MailMessage } from '../mail/mailer.js';
import { OutboxMailer } from '../mail/outbox.mailer.js';
import { LOCKOUT_THRESHOLD } from '../security/security.constants.js';
import { DemoClient, DemoStepError } from './demo-client.js';
import { describeEvent, summaryTable } from './telemetry-report.js';

/** Options of `runDemo`. */
export interface DemoOptions {
  /** Where the story, the telemetry stream and the table go. Default: `console.log`. */
  out?: (line: string) => void;
  /** The app's logger; `false` (default) keeps the output to the story itself. */
  logger?: LoggerService | false;
  /**
   * Keep the app running after the story, on `PORT` (default 3000), so its dashboard can be
   * watched; the caller stops the process. Default: close the app at the end.
   */
  serve?: boolean;
}

/** What the demo saw. */
export interface DemoResult {
  /** Every event the story emitted, catalogued or not, in order. */
  readonly events: readonly CapturedEvent[];
  /** Every credential the story used or received, for checking that none leaked. */
  readonly secrets: readonly string[];
  /** With `serve`, the app, still serving: close it to stop. */
  readonly app?: NestExpressApplication;
}

const EMAIL = 'ada@example.com';
const PASSWORD = 'correct horse battery staple';
const WRONG_PASSWORD = 'correct horse battery stable';
const NEW_PASSWORD = 'a new and longer passphrase';
const HOME_IP = '203.0.113.10';
const STRANGER_IP = '192.0.2.66';
const TRAVEL_IP = '198.51.100.7';

/** The latest message to `to` with that subject, waiting up to a second for it to be sent. */
async function nextMail(outbox: OutboxMailer, to: string, subject: string): Promise<MailMessage> {
  for (let tries = 0; tries < 100; tries++) {
    const mail = outbox.latestTo(to);
    if (mail?.subject === subject) return mail;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new DemoStepError(`No mail "${subject}" arrived.`);
}

/**
 * Boots the app on an ephemeral local port and drives an authentication story through it over
 * HTTP, printing each step with the Sigra events it emitted, then a summary table. Throws
 * `DemoStepError` when a response is not the expected one.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const out = options.out ?? console.log;
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule, {
      logger: options.logger ?? false,
    }),
  );
  const capture = captureTelemetry([...cataloguedEvents(), ...uncataloguedEvents()]);
  const secrets: string[] = [EMAIL, PASSWORD, WRONG_PASSWORD, NEW_PASSWORD];
  let printed = 0;
  // Only a story that ran to its end keeps serving.
  let served = false;
  const printEvents = () => {
    for (const event of capture.events.slice(printed)) out(describeEvent(event));
    printed = capture.events.length;
  };
  try {
    await app.listen(options.serve === true ? Number(process.env.PORT ?? 3000) : 0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    out(`Dashboard: ${dashboardUrl(`http://127.0.0.1:${port}`)}`);
    const client = new DemoClient(`http://127.0.0.1:${port}`, out);
    const step = async <T = Record<string, unknown>>(...args: Parameters<DemoClient['call']>) => {
      const body = await client.call<T>(...args);
      printEvents();
      return body;
    };
    out(`Sigra sample app on 127.0.0.1:${port}: an authentication story and its telemetry`);

    const home = { ip: HOME_IP };
    const credentials = { email: EMAIL, password: PASSWORD };
    await step('Register a user', 'POST', '/auth/register', 201, { ...home, body: credentials });
    const first = await step<{ session_token: string }>(
      'Log in with the password',
      'POST',
      '/auth/login',
      200,
      { ...home, body: credentials },
    );
    secrets.push(first.session_token);
    const session = { ...home, bearer: first.session_token };
    await step('List my sessions', 'GET', '/auth/sessions', 200, session);

    const guess = { ip: STRANGER_IP, body: { email: EMAIL, password: WRONG_PASSWORD } };
    for (let attempt = 1; attempt < LOCKOUT_THRESHOLD; attempt++) {
      await step(
        `A stranger guesses a wrong password (${attempt})`,
        'POST',
        '/auth/login',
        401,
        guess,
      );
    }
    await step(
      `A stranger guesses a wrong password (${LOCKOUT_THRESHOLD}): their address is locked out`,
      'POST',
      '/auth/login',
      423,
      guess,
    );
    await step('Even the right password is refused from there', 'POST', '/auth/login', 423, {
      ip: STRANGER_IP,
      body: credentials,
    });
    const again = await step<{ session_token: string }>(
      'The owner still logs in from home',
      'POST',
      '/auth/login',
      200,
      { ...home, body: credentials },
    );
    secrets.push(again.session_token);

    await step(
      'Enrolling in MFA needs the password again (sudo mode)',
      'POST',
      '/mfa/enroll',
      403,
      session,
    );
    await step('Confirm the password: sudo mode for 5 minutes', 'POST', '/auth/sudo', 200, {
      ...session,
      body: { password: PASSWORD },
    });
    const { secret } = await step<{ secret: string }>(
      'Enrol in TOTP MFA',
      'POST',
      '/mfa/enroll',
      201,
      session,
    );
    const enrolCode = totp(secret, Date.now());
    secrets.push(secret, enrolCode);
    await step('Confirm MFA with the current TOTP code', 'POST', '/mfa/verify', 200, {
      ...session,
      body: { code: enrolCode },
    });
    const { backup_codes: backupCodes } = await step<{ backup_codes: string[] }>(
      'Generate backup codes',
      'POST',
      '/mfa/backup-codes',
      201,
      session,
    );
    secrets.push(...backupCodes);

    const created = await step<{ id: string; token: string }>(
      'Create an API token',
      'POST',
      '/api-tokens',
      201,
      { ...session, body: { name: 'deploy script' } },
    );
    secrets.push(created.token);
    const apiToken = { ...home, bearer: created.token };
    await step('Call the API with the token', 'GET', '/api-tokens/whoami', 200, apiToken);
    await step('Revoke the token', 'DELETE', `/api-tokens/${created.id}`, 204, session);
    await step('The revoked token is refused', 'GET', '/api-tokens/whoami', 401, apiToken);
    const kept = await step<{ token: string }>(
      'Create another API token',
      'POST',
      '/api-tokens',
      201,
      { ...session, body: { name: 'backup job' } },
    );
    secrets.push(kept.token);

    await step('Ask for a password reset', 'POST', '/password-reset/request', 202, {
      ...home,
      body: { email: EMAIL },
    });
    const mail = await nextMail(app.get(OutboxMailer), EMAIL, 'Reset your password');
    const resetToken = /#token=([\w-]+)/.exec(mail.text)?.[1] ?? '';
    secrets.push(resetToken);
    await step(
      'Reset the password with the e-mailed link',
      'POST',
      '/password-reset/complete',
      200,
      { ...home, body: { token: resetToken, password: NEW_PASSWORD } },
    );
    await step(
      'The old session was signed out by the reset',
      'GET',
      '/auth/sessions',
      401,
      session,
    );
    await step('So was the API token', 'GET', '/api-tokens/whoami', 401, {
      ...home,
      bearer: kept.token,
    });

    const travel = await step<{ session_token: string }>(
      'Log in from a new address with the new password (MFA pending)',
      'POST',
      '/auth/login',
      200,
      { ip: TRAVEL_IP, body: { email: EMAIL, password: NEW_PASSWORD } },
    );
    secrets.push(travel.session_token);
    const pending = { ip: TRAVEL_IP, bearer: travel.session_token };
    await step('A pending session cannot list sessions yet', 'GET', '/auth/sessions', 403, pending);
    const promoted = await step<{ session_token: string }>(
      'Pass MFA with a backup code (the phone stayed home): a new session token',
      'POST',
      '/mfa/verify',
      200,
      { ...pending, body: { code: backupCodes[0] } },
    );
    secrets.push(promoted.session_token);
    await step('Log out', 'POST', '/auth/logout', 204, {
      ip: TRAVEL_IP,
      bearer: promoted.session_token,
    });

    out(`\nTelemetry summary (${capture.events.length} events)\n`);
    for (const line of summaryTable(capture.events)) out(line);
    served = options.serve === true;
    return { events: [...capture.events], secrets, ...(served ? { app } : {}) };
  } finally {
    capture.detach();
    if (!served) await app.close();
  }
}
