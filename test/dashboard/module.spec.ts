import 'reflect-metadata';
import { Injectable, Module, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { execute, listHandlers } from '../../lib/core/index.js';
import { SigraDashboardModule } from '../../lib/dashboard/index.js';
import { escapeHtml } from '../../lib/dashboard/dashboard-page.function.js';
import { counter } from '../../lib/metrics/index.js';
import { detachAllAfterEach } from '../support/registry.js';
import { startDashboardApp, TOKEN, type DashboardApp } from './support/dashboard-app.js';
import { openSse } from './support/sse-client.js';

detachAllAfterEach();

let running: DashboardApp | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(...args: Parameters<typeof startDashboardApp>) {
  running = await startDashboardApp(...args);
  return running;
}

function compile(options: unknown) {
  return Test.createTestingModule({
    imports: [SigraDashboardModule.forRoot(options as never)],
  }).compile();
}

describe('SigraDashboardModule: auth is required', () => {
  it('refuses to boot without auth, saying how to choose', async () => {
    await expect(compile({})).rejects.toThrow(
      /needs an auth option, got no auth option\. Choose one: auth: \{ token: .*a guard class.*\(request\) => boolean \| Promise<boolean>.*auth: 'none'/,
    );
    await expect(compile({ auth: 'public' })).rejects.toThrow(
      /got auth a string of 6 characters\. Choose one/,
    );
  });

  it('refuses a short token and says how to make one', async () => {
    await expect(compile({ auth: { token: 'secret' } })).rejects.toThrow(
      /auth\.token must be a string of at least 16 characters, got 6 characters; generate one with crypto\.randomBytes/,
    );
  });

  it('refuses invalid history and stream settings, naming them', async () => {
    await expect(compile({ auth: 'none', history: { points: 0 } })).rejects.toThrow(
      /history\.points must be an integer from 10 to 100000, got 0; the default is 600/,
    );
    await expect(compile({ auth: 'none', stream: { intervalMs: 10 } })).rejects.toThrow(
      /stream\.intervalMs must be an integer from 200/,
    );
    await expect(compile({ auth: 'none', metrics: [{ name: 'x' }] })).rejects.toThrow(
      /metrics must be an array of definitions made by counter\(\), sum\(\), lastValue\(\), summary\(\), distribution\(\) or sigraMetrics\(\)/,
    );
    await expect(compile({ auth: 'none', histroy: { points: 60 } })).rejects.toThrow(
      /options has no option histroy; the options are auth, metrics, history,/,
    );
    await expect(compile({ auth: 'none', stream: { maxClient: 1 } })).rejects.toThrow(
      /stream has no option maxClient; the options are maxClients, intervalMs, maxBufferedBytes/,
    );
    expect(() => SigraDashboardModule.forRoot({ auth: 'none', path: '../x' })).toThrow(
      /path must be a URL path/,
    );
  });

  it("serves anyone with auth: 'none', after a warning at start", async () => {
    const { http, logger } = await start([SigraDashboardModule.forRoot({ auth: 'none' })]);
    await http().get('/sigra').expect(200);
    await http().get('/sigra/history').expect(200);
    const warnings = logger.entries.filter((entry) => entry.level === 'warn');
    expect(warnings.map((entry) => entry.message)).toEqual([
      expect.stringMatching(/served without authentication \(auth: 'none'\)/),
    ]);
  });
});

describe('SigraDashboardModule: token auth', () => {
  it('answers 401 to the page, the history and the stream without the token or with a wrong one', async () => {
    const { http, origin } = await start();
    for (const path of ['/sigra', '/sigra/history', '/sigra/stream']) {
      const refused = await http().get(path).expect(401);
      expect(refused.body.message).toMatch(/needs credentials: open it with the link printed/);
      await http().get(`${path}?token=wrong-token-0123456789abcdef`).expect(401);
      await http().get(path).set('authorization', 'Bearer nope').expect(401);
    }
    const stream = await openSse(`${origin}/sigra/stream`);
    expect(stream.status).toBe(401);
  });

  it('serves the page with ?token= and the history with a bearer header', async () => {
    const { http } = await start();
    const page = await http().get(`/sigra?token=${TOKEN}`).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<script defer src="/sigra/assets/dashboard.client.js">');
    const history = await http().get('/sigra/history').set('authorization', `Bearer ${TOKEN}`);
    expect(history.status).toBe(200);
    expect(history.headers['cache-control']).toBe('no-store');
    expect(history.body.charts.map((chart: { name: string }) => chart.name)).toEqual([
      'sigra.span.duration.seconds',
      'sigra.events.total',
      'sigra.mfa.verifications.total',
      'sigra.sessions.created.total',
      'sigra.handler.failures.total',
    ]);
  });

  it('serves its assets (code, no data) from the installed packages, and nothing else', async () => {
    const { http } = await start();
    const uplot = await http().get('/sigra/assets/uPlot.iife.min.js').expect(200);
    expect(uplot.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(uplot.text).toContain('uPlot');
    await http().get('/sigra/assets/dashboard.client.js').expect(200);
    await http().get('/sigra/assets/dashboard.css').expect(200);
    await http().get('/sigra/assets/package.json').expect(404);
    await http().get('/sigra/assets/..%2F..%2Fpackage.json').expect(404);
  });
});

@Injectable()
class AdminKey {
  readonly value = 'let-me-in';
}

@Injectable()
class AdminGuard implements CanActivate {
  constructor(private readonly key: AdminKey) {}
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    return request.headers['x-admin'] === this.key.value;
  }
}

@Module({ providers: [AdminKey, AdminGuard], exports: [AdminKey] })
class AdminModule {}

describe('SigraDashboardModule on Fastify', () => {
  it('serves the page, its assets, the history and the stream, and refuses without the token', async () => {
    const { http, origin } = await start(
      [SigraDashboardModule.forRoot({ auth: { token: TOKEN } })],
      new FastifyAdapter(),
    );
    await http().get('/sigra').expect(401);
    await http().get('/sigra/history').expect(401);
    const page = await http().get(`/sigra?token=${TOKEN}`).expect(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toContain('src="/sigra/assets/uPlot.iife.min.js"');
    await http().get('/sigra/assets/uPlot.iife.min.js').expect(200);
    await http().get('/sigra/history').set('authorization', `Bearer ${TOKEN}`).expect(200);
    execute(
      ['sigra', 'security', 'lockout'],
      {},
      { user_id: 3, ip: '203.0.113.3', reason: 'threshold_reached' },
    );
    const stream = await openSse(`${origin}/sigra/stream?token=${TOKEN}`);
    expect(stream.status).toBe(200);
    await stream.until((messages) => messages[0]?.event === 'snapshot');
    expect(JSON.stringify(stream.messages[0]?.data)).toContain('sigra.security.lockout');
    stream.close();
  });
});

describe('SigraDashboardModule: guard and function auth', () => {
  it('uses a guard class from the app, with its dependencies', async () => {
    const { http } = await start([AdminModule, SigraDashboardModule.forRoot({ auth: AdminGuard })]);
    await http().get('/sigra/history').expect(401);
    await http().get('/sigra/history').set('x-admin', 'wrong').expect(401);
    await http().get('/sigra/history').set('x-admin', 'let-me-in').expect(200);
  });

  it('accepts an async check of the request', async () => {
    const { http } = await start([
      SigraDashboardModule.forRoot({
        auth: async (request) => (request as IncomingMessage).headers['x-admin'] === 'yes',
      }),
    ]);
    await http().get('/sigra').expect(401);
    await http().get('/sigra').set('x-admin', 'yes').expect(200);
  });

  it('mounts at the path given to forRootAsync, with options from a factory', async () => {
    const { http } = await start([
      SigraDashboardModule.forRootAsync({
        path: 'admin/telemetry',
        useFactory: async () => ({ auth: { token: TOKEN } }),
      }),
    ]);
    await http().get('/sigra').expect(404);
    await http().get('/admin/telemetry/history').expect(401);
    const page = await http().get(`/admin/telemetry?token=${TOKEN}`).expect(200);
    expect(page.text).toContain('href="/admin/telemetry/assets/dashboard.css"');
  });
});

describe('SigraDashboardModule: what the page receives', () => {
  it('shows security signals with policy-applied metadata only', async () => {
    const { http } = await start();
    execute(['sigra', 'security', 'lockout'], {}, {
      user_id: 7,
      ip: '203.0.113.9',
      reason: 'threshold_reached',
      password: 'hunter2-hunter2',
      email: 'ada@example.com',
    } as never);
    const { body, text } = await http().get(`/sigra/history?token=${TOKEN}`).expect(200);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('ada@example.com');
    expect(body.feed).toEqual([
      {
        seq: 1,
        time: expect.any(Number),
        event: 'sigra.security.lockout',
        metadata: expect.objectContaining({
          user_id: 7,
          ip: '203.0.113.9',
          password: '[REDACTED]',
        }),
      },
    ]);
    expect(body.series).toContainEqual({
      id: 0,
      chart: 1,
      labels: { event: 'security.lockout' },
    });
  });

  it('escapes text for HTML', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;',
    );
  });

  it('detaches its handlers and ends its streams when the app closes; attaches nothing before', async () => {
    expect(listHandlers([])).toEqual([]);
    const app = await startDashboardApp();
    expect(listHandlers([]).length).toBeGreaterThan(0);
    const stream = await openSse(`${app.origin}/sigra/stream?token=${TOKEN}`);
    await stream.until((messages) => messages.length === 1);
    await app.close();
    await stream.ended;
    expect(listHandlers([])).toEqual([]);
  });
});

describe('SigraDashboardModule: the stream', () => {
  it('starts with the snapshot, then batches updates at most every intervalMs whatever the rate, losing nothing', async () => {
    const metric = counter('app.login.count');
    const { origin } = await start([
      SigraDashboardModule.forRoot({
        auth: { token: TOKEN },
        metrics: [metric],
        stream: { intervalMs: 500 },
      }),
    ]);
    const stream = await openSse(`${origin}/sigra/stream?token=${TOKEN}`);
    await stream.until((messages) => messages.length === 1);
    expect(stream.messages[0]?.event).toBe('snapshot');

    const started = Date.now();
    let emitted = 0;
    // 20 bursts of 1000 events over about a second.
    for (let burst = 0; burst < 20; burst++) {
      for (let i = 0; i < 1000; i++) execute(['app', 'login'], {}, {});
      emitted += 1000;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const counted = (messages: typeof stream.messages) => {
      const bySlot = new Map<number, number>();
      for (const { event, data } of messages) {
        if (event !== 'update') continue;
        for (const series of (data as { data: { points: number[][] }[] }).data) {
          for (const [time, count] of series.points) bySlot.set(time as number, count as number);
        }
      }
      return [...bySlot.values()].reduce((total, count) => total + count, 0);
    };
    await stream.until((messages) => counted(messages) === emitted);
    const elapsed = Date.now() - started;
    const updates = stream.messages.filter((message) => message.event === 'update').length;
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(updates).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 1);
    stream.close();
  });

  it('caps the open streams: one more is answered 503 until one closes', async () => {
    const { origin } = await start([
      SigraDashboardModule.forRoot({ auth: { token: TOKEN }, stream: { maxClients: 2 } }),
    ]);
    const url = `${origin}/sigra/stream?token=${TOKEN}`;
    const first = await openSse(url);
    const second = await openSse(url);
    const third = await openSse(url);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 503]);
    first.close();
    // The server notices the closed socket a moment later.
    const opened: Awaited<ReturnType<typeof openSse>>[] = [];
    await expect
      .poll(async () => {
        const next = await openSse(url);
        opened.push(next);
        return next.status;
      })
      .toBe(200);
    expect((await openSse(url)).status).toBe(503);
    second.close();
    for (const stream of opened) stream.close();
  });

  it('drops a client that does not read, instead of buffering for it without bound', async () => {
    const { origin } = await start([
      SigraDashboardModule.forRoot({
        auth: { token: TOKEN },
        feedSize: 1000,
        stream: { maxClients: 1, intervalMs: 200, maxBufferedBytes: 64 * 1024 },
      }),
    ]);
    const { port } = new URL(origin);
    // A client that sends its request and then never reads a byte.
    const stalled = connect(Number(port), '127.0.0.1');
    stalled.write(`GET /sigra/stream?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    stalled.pause();
    const url = `${origin}/sigra/stream?token=${TOKEN}`;
    await expect.poll(async () => (await openSse(url)).status).toBe(503);

    // Large feed entries fill the socket's buffers, then the server's own limit.
    const metadata = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`note_${i}`, 'lorem ipsum '.repeat(16)]),
    );
    const deadline = Date.now() + 20_000;
    let status = 503;
    while (status !== 200 && Date.now() < deadline) {
      for (let i = 0; i < 1000; i++)
        execute(['sigra', 'security', 'lockout'], {}, metadata as never);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const probe = await openSse(url);
      status = probe.status;
      probe.close();
    }
    // The stalled client's place was freed: it was dropped.
    expect(status).toBe(200);
    stalled.destroy();
  }, 30_000);
});
