import { execFile, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoClient, DemoStepError } from '../../sample-app/src/demo/demo-client.js';
import { runDemo, type DemoResult } from '../../sample-app/src/demo/run-demo.js';
import { LOCKOUT_THRESHOLD } from '../../sample-app/src/security/security.constants.js';
import { RecordingLogger } from '../support/nest.js';
import { startSampleApp } from './support/sample-app.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

/** `secret` in `text`; an all-digit secret (a TOTP code) only where no digit touches it. */
function leaks(text: string, secret: string): boolean {
  return /^\d+$/.test(secret)
    ? new RegExp(`(?<!\\d)${secret}(?!\\d)`).test(text)
    : text.includes(secret);
}

/** How many events of that name the story emitted. */
function count(result: DemoResult, name: string): number {
  return result.events.filter((event) => event.name === name).length;
}

describe('the demo story, in process', () => {
  const logger = new RecordingLogger();
  const printed: string[] = [];
  let result: DemoResult;
  beforeAll(async () => {
    result = await runDemo({ out: (line) => printed.push(line), logger });
  }, 120_000);

  it('prints every step, the telemetry stream and the summary table', () => {
    const output = printed.join('\n');
    expect(output).toContain(
      '▶ A stranger guesses a wrong password (5): their address is locked out',
    );
    expect(output).toMatch(/security\.lockout .*reason="threshold_reached"/);
    expect(output).toContain('| event ');
    expect(output).toMatch(/\| sigra\.auth\.login\.stop +\| +9 \| +\d+\.\d\d \| +\d+\.\d\d \|/);
  });

  it('emits the events of the whole story', () => {
    expect(count(result, 'sigra.auth.login.stop')).toBe(9);
    expect(count(result, 'sigra.security.invalid_credentials')).toBe(5);
    for (const name of [
      'sigra.auth.register.stop',
      'sigra.security.lockout',
      'sigra.security.rate_limited',
      'sigra.session.sudo.stop',
      'sigra.mfa.enroll.stop',
      'sigra.mfa.backup_codes.regenerate.stop',
      'sigra.api_token.revoke.stop',
      'sigra.reset.requested',
      'sigra.reset.completed',
      'sigra.session.revoke_all.stop',
      'sigra.api_token.revoke_all.stop',
      'sigra.security.suspicious_login',
      'sigra.auth.logout.stop',
    ]) {
      expect(count(result, name), name).toBe(1);
    }
    expect(count(result, 'sigra.api_token.create.stop')).toBe(2);
    expect(count(result, 'sigra.mfa.verify.stop')).toBe(2);
    const verified = result.events.filter((event) => event.name === 'sigra.mfa.verify.start');
    expect(verified.map((event) => event.metadata.method)).toEqual(['totp', 'backup_code']);
    const revoked = result.events.find((event) => event.name === 'sigra.api_token.revoke_all.stop');
    expect(revoked?.measurements).toEqual({ count: 1 });
  });

  it('ends every span with an outcome', () => {
    const stops = result.events.filter((event) => event.name.endsWith('.stop'));
    const spanStops = stops.filter((event) => 'duration' in event.measurements);
    expect(spanStops.length).toBeGreaterThan(20);
    for (const stop of spanStops) {
      expect(['success', 'failure'], stop.name).toContain(stop.metadata.result);
    }
    const logins = spanStops.filter((event) => event.name === 'sigra.auth.login.stop');
    expect(logins.map((event) => event.metadata.result)).toEqual([
      'success',
      ...Array<string>(LOCKOUT_THRESHOLD + 1).fill('failure'),
      'success',
      'success',
    ]);
    expect(logins.every((event) => event.metadata.user_id === 1)).toBe(true);
  });

  it('logs the Sigra events through the app logger, as text lines', () => {
    const lines = logger.sigra().map((entry) => String(entry.message));
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[Sigra\] auth\.login\.stop \d+(\.\d{1,3})? ms \{/),
    );
    expect(lines.filter((line) => line.startsWith('[Sigra] security.'))).toHaveLength(8);
  });

  it('never logs or prints a password, TOTP secret or code, token or e-mail address', () => {
    expect(result.secrets.length).toBeGreaterThanOrEqual(20);
    const logged = logger.entries.map((entry) => JSON.stringify([entry.message, entry.params]));
    const everything = [...logged, ...printed].join('\n');
    const leaked = result.secrets.filter((secret) => leaks(everything, secret));
    expect(leaked).toEqual([]);
    expect(everything).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });
});

describe('the built app', () => {
  it('exits 0 and prints the summary table', async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', 'sample-app/tsconfig.json'], { cwd: root });
    const { stdout } = await run(process.execPath, ['dist-sample/demo.js'], { cwd: root });
    expect(stdout).toContain('Telemetry summary');
    expect(stdout).toContain('| sigra.auth.logout.stop');
  }, 180_000);

  it('serves on 127.0.0.1 unless HOST says otherwise, and prints where', async () => {
    const server = spawn(process.execPath, ['dist-sample/main.js'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        server.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match !== null) resolve(match[1]!);
        });
        server.once('exit', (code) => reject(new Error(`main.js exited with ${code}: ${output}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${url}/auth/sessions`);
      expect(response.status).toBe(401);
      expect(response.headers.get('x-powered-by')).toBeNull();
    } finally {
      server.kill();
    }
  }, 60_000);
});

describe('DemoClient', () => {
  it('fails a step with the status, the expected one and the server message', async () => {
    const sample = await startSampleApp();
    try {
      await sample.app.listen(0, '127.0.0.1');
      const { port } = sample.app.getHttpServer().address() as AddressInfo;
      const client = new DemoClient(`http://127.0.0.1:${port}`, () => {});
      await expect(client.call('List sessions', 'GET', '/auth/sessions', 200)).rejects.toThrow(
        new DemoStepError(
          'Step "List sessions": GET /auth/sessions answered 401, expected 200 ("A valid session token is required (Authorization: Bearer).").',
        ),
      );
    } finally {
      await sample.close();
    }
  });
});
