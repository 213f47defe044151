import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../sample-app/src/crypto/totp.js';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const SERVER = 2; // OTLP SpanKind SERVER
const ERROR = 2; // OTLP StatusCode ERROR

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the built sample app with the tracing preload; resolves once it listens. */
async function startTracedApp(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', './dist-sample/tracing.js', 'dist-sample/main.js'],
    { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`sample app did not start:\n${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Sigra sample app listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sample app exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

describe('the sample app exports its traces over OTLP/HTTP', () => {
  const receiver = new OtlpReceiver();
  let app: ChildProcess | undefined;
  let base: string;
  const email = 'otlp.alice@example.com';
  const password = 'correct-horse-battery-staple-42';
  const secrets: string[] = [password, email];

  async function call(method: string, path: string, body?: object, token?: string) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json().catch(() => ({}))) as Record<string, unknown>,
    };
  }

  beforeAll(async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', 'sample-app/tsconfig.json'], { cwd: root });
    const endpoint = await receiver.listen();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startTracedApp({
      PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  }, 90_000);

  afterAll(async () => {
    if (app?.pid !== undefined && app.exitCode === null) {
      const exited = new Promise((resolve) => app!.once('exit', resolve));
      process.kill(app.pid, 'SIGTERM');
      await exited;
    }
    await receiver.close();
  });

  let spans: readonly ReceivedSpan[];
  beforeAll(async () => {
    expect((await call('POST', '/auth/register', { email, password })).status).toBe(201);
    const first = await call('POST', '/auth/login', { email, password });
    expect(first.status).toBe(200);
    const firstToken = first.body.session_token as string;
    // Enrolling takes sudo mode: the password confirmed again.
    expect((await call('POST', '/auth/sudo', { password }, firstToken)).status).toBe(200);
    const enrolled = await call('POST', '/mfa/enroll', undefined, firstToken);
    expect(enrolled.status).toBe(201);
    const secret = enrolled.body.secret as string;
    const goodCode = totp(secret, Date.now());
    const wrongCode = String((Number(goodCode) + 500_000) % 1_000_000).padStart(6, '0');
    secrets.push(firstToken, secret, goodCode, wrongCode);
    expect((await call('POST', '/mfa/verify', { code: wrongCode }, firstToken)).status).toBe(401);
    expect((await call('POST', '/mfa/verify', { code: goodCode }, firstToken)).status).toBe(200);
    // MFA is on now: this login opens an mfa_pending session, verified with the next code.
    const second = await call('POST', '/auth/login', { email, password });
    expect(second.status).toBe(200);
    secrets.push(second.body.session_token as string);

    await receiver.waitFor(
      (received) =>
        received.filter((s) => s.name === 'sigra.auth.login').length === 2 &&
        received.filter((s) => s.name === 'sigra.mfa.verify').length === 2 &&
        received.filter((s) => s.kind === SERVER).length === 7,
    );
    spans = receiver.spans;
  }, 30_000);

  it('sends one trace per request, each with exactly one HTTP server span at its root', () => {
    const servers = spans.filter((s) => s.kind === SERVER);
    expect(servers).toHaveLength(7);
    expect(new Set(servers.map((s) => s.traceId)).size).toBe(7);
    for (const server of servers) expect(server.parentSpanId).toBeUndefined();
    const traceIds = new Set(servers.map((s) => s.traceId));
    for (const span of spans) expect(traceIds.has(span.traceId), span.name).toBe(true);
  });

  it('chains HTTP server span → sigra.auth.login → sigra.session.create by span ids, user.id set', () => {
    const logins = spans.filter((s) => s.name === 'sigra.auth.login');
    expect(logins).toHaveLength(2);
    for (const login of logins) {
      const server = spans.find((s) => s.spanId === login.parentSpanId);
      expect(server?.kind).toBe(SERVER);
      expect(server?.attributes['url.path']).toBe('/auth/login');
      const session = spans.find(
        (s) => s.name === 'sigra.session.create' && s.parentSpanId === login.spanId,
      );
      expect(session, 'session span under the login span').toBeDefined();
      expect(session!.traceId).toBe(login.traceId);
      expect(login.attributes['user.id']).toEqual(expect.any(Number));
      expect(session!.attributes['user.id']).toBe(login.attributes['user.id']);
    }
  });

  it('marks the failed MFA verify ERROR, with its result and attempts left; the good one is not', () => {
    const verifies = spans.filter((s) => s.name === 'sigra.mfa.verify');
    const failed = verifies.find((s) => s.attributes['sigra.result'] === 'failure');
    const passed = verifies.find((s) => s.attributes['sigra.result'] === 'success');
    expect(failed?.statusCode).toBe(ERROR);
    expect(failed?.attributes['sigra.attempts_remaining']).toEqual(expect.any(Number));
    expect(passed?.statusCode).not.toBe(ERROR);
    const server = spans.find((s) => s.spanId === failed?.parentSpanId);
    expect(server?.kind).toBe(SERVER);
    expect(server?.attributes).toMatchObject({
      'url.path': '/mfa/verify',
      'http.response.status_code': 401,
    });
  });

  it('carries no password, token, TOTP secret, code or e-mail address anywhere in the payload', () => {
    const payload = receiver.payloads.join('\n');
    expect(secrets.length).toBeGreaterThanOrEqual(7);
    for (const secret of secrets) {
      const found = /^\d+$/.test(secret)
        ? new RegExp(`(?<!\\d)${secret}(?!\\d)`).test(payload)
        : payload.includes(secret);
      expect(found, `payload contains ${secret.slice(0, 4)}…`).toBe(false);
    }
  });
});
