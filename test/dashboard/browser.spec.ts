import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../lib/core/index.js';
import { AppModule } from '../../sample-app/src/app.module.js';
import { configureApp } from '../../sample-app/src/app.setup.js';
import { DASHBOARD_TOKEN } from '../../sample-app/src/dashboard/dashboard.module.js';
import { LOCKOUT_THRESHOLD } from '../../sample-app/src/security/security.constants.js';

/** Where the test leaves its screenshots. */
const OUTPUT = fileURLToPath(new URL('../../test-output/dashboard/', import.meta.url));
const EMAIL = 'grace@example.com';
const PASSWORD = 'correct horse battery staple';
const WRONG_PASSWORD = 'correct horse battery stable';
const WAIT = { timeout: 15_000 };

let app: NestExpressApplication;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  app = configureApp(moduleRef.createNestApplication<NestExpressApplication>({ logger: false }));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  origin = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // Chromium's sandbox cannot start as root (CI containers).
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  mkdirSync(OUTPUT, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A login (or other) request as a client behind the given address. */
async function post(path: string, body: unknown, ip: string): Promise<number> {
  const response = await fetch(origin + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

async function openDashboard(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${origin}/sigra?token=${DASHBOARD_TOKEN}`);
  await page.locator('#status[data-state="live"]').waitFor(WAIT);
  expect(errors).toEqual([]);
  return page;
}

interface SigraDashboardWindow {
  resolutionMs: number;
  chart(
    name: string,
  ): { labels: string[]; data: (number | null)[][]; histogram?: number[] } | undefined;
}

/** Events a counter chart drew for one label set, read from uPlot's data (rate × resolution). */
function drawnCount(page: Page, metric: string, label: string): Promise<number> {
  return page.evaluate(
    ([name, series]) => {
      const dashboard = (globalThis as never as { sigraDashboard: SigraDashboardWindow })
        .sigraDashboard;
      const chart = dashboard.chart(name);
      const index = chart?.labels.indexOf(series) ?? -1;
      if (chart === undefined || index < 0) return 0;
      const rates = chart.data[index + 1] ?? [];
      const total = rates.reduce<number>((sum, rate) => sum + (rate ?? 0), 0);
      return Math.round(total * (dashboard.resolutionMs / 1000));
    },
    [metric, label] as const,
  );
}

/** How many stream messages the page has applied. */
function updatesSeen(page: Page): Promise<number> {
  return page.evaluate(
    () => (globalThis as never as { sigraDashboard: { updates: number } }).sigraDashboard.updates,
  );
}

/** Waits, polling the page, until the chart drew `count` events for the label set. */
async function waitForCount(page: Page, metric: string, label: string, count: number) {
  await expect.poll(() => drawnCount(page, metric, label), WAIT).toBe(count);
}

describe('the dashboard in a real browser (headless Chromium)', { timeout: 30_000 }, () => {
  it('refuses the page, the stream and the history without the token (401)', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${origin}/sigra`);
    expect(response?.status()).toBe(401);
    await page.close();
    for (const path of [
      '/sigra/stream',
      '/sigra/history',
      `/sigra/history?token=x${DASHBOARD_TOKEN}`,
    ]) {
      const refused = await fetch(origin + path);
      expect(refused.status, path).toBe(401);
      await refused.arrayBuffer();
    }
  });

  it('updates the charts and the security feed live as logins succeed, fail and lock the account', async () => {
    const page = await openDashboard();
    // A reload would lose this marker.
    await page.evaluate(() => ((globalThis as never as { marker: number }).marker = 42));

    expect(await post('/auth/register', { email: EMAIL, password: PASSWORD }, '203.0.113.20')).toBe(
      201,
    );
    expect(await post('/auth/login', { email: EMAIL, password: PASSWORD }, '203.0.113.20')).toBe(
      200,
    );
    await waitForCount(page, 'sigra.sessions.created.total', 'type=standard', 1);

    const wrong = { email: EMAIL, password: WRONG_PASSWORD };
    for (let attempt = 1; attempt < LOCKOUT_THRESHOLD; attempt++) {
      expect(await post('/auth/login', wrong, '203.0.113.21')).toBe(401);
    }
    expect(await post('/auth/login', wrong, '203.0.113.21')).toBe(423);

    await waitForCount(
      page,
      'sigra.events.total',
      'event=security.invalid_credentials',
      LOCKOUT_THRESHOLD,
    );
    await waitForCount(page, 'sigra.events.total', 'event=security.lockout', 1);
    const lockout = page.locator('#feed li[data-event="sigra.security.lockout"]');
    await lockout.first().waitFor(WAIT);
    const lockoutText = await lockout.first().textContent();
    expect(lockoutText).toContain('threshold_reached');
    expect(lockoutText).toContain('203.0.113.21');
    expect(
      await page.locator('#feed li[data-event="sigra.security.invalid_credentials"]').count(),
    ).toBe(LOCKOUT_THRESHOLD);

    // Latencies: p50/p95/p99 lines for the busiest span, and a histogram with every call in it.
    const latency = await page.evaluate(() =>
      (globalThis as never as { sigraDashboard: SigraDashboardWindow }).sigraDashboard.chart(
        'sigra.span.duration.seconds',
      ),
    );
    expect(latency?.labels).toEqual(['p50', 'p95', 'p99']);
    // Unless one is picked, the busiest label set is shown: the logins.
    expect(
      await page
        .locator('article[data-metric="sigra.span.duration.seconds"] select option:checked')
        .textContent(),
    ).toMatch(/^span=auth\.login, result=/);
    expect(latency?.data[1]?.some((value) => value !== null && value > 0)).toBe(true);
    expect(latency?.histogram?.reduce((total, count) => total + count, 0)).toBeGreaterThan(0);

    // A label set picked by hand stays picked, whatever is busiest.
    const picker = page.locator('article[data-metric="sigra.span.duration.seconds"] select');
    await picker.selectOption({ label: 'span=auth.register, result=success' });
    const before = await updatesSeen(page);
    // Another (refused) login: the login span gets busier, and an update arrives.
    expect(await post('/auth/login', { email: EMAIL, password: PASSWORD }, '203.0.113.21')).toBe(
      423,
    );
    await expect.poll(() => updatesSeen(page), WAIT).toBeGreaterThan(before);
    expect(await picker.locator('option:checked').textContent()).toBe(
      'span=auth.register, result=success',
    );

    const page2Text = await page.textContent('body');
    for (const secret of [PASSWORD, WRONG_PASSWORD, EMAIL]) expect(page2Text).not.toContain(secret);
    expect(await page.evaluate(() => (globalThis as never as { marker: number }).marker)).toBe(42);
    await page.screenshot({ path: `${OUTPUT}live.png`, fullPage: true });
    await page.close();
  });

  it('shows metadata as text, never as markup', async () => {
    const page = await openDashboard();
    const markup = '<img src=x onerror="window.injected=1">';
    execute(['sigra', 'security', 'suspicious_login'], {}, { user_id: 1, ip: markup } as never);
    const entry = page.locator('#feed li[data-event="sigra.security.suspicious_login"]');
    await entry.first().waitFor(WAIT);
    expect(await entry.first().textContent()).toContain(markup);
    expect(await page.locator('#feed img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as never as { injected?: number }).injected)).toBe(
      undefined,
    );
    await page.close();
  });

  it('shows the earlier traffic from history on a page opened after it', async () => {
    const page = await openDashboard();
    expect(await drawnCount(page, 'sigra.events.total', 'event=security.invalid_credentials')).toBe(
      LOCKOUT_THRESHOLD,
    );
    expect(await drawnCount(page, 'sigra.events.total', 'event=security.lockout')).toBe(1);
    expect(await page.locator('#feed li[data-event="sigra.security.lockout"]').count()).toBe(1);
    await page.screenshot({ path: `${OUTPUT}from-history.png`, fullPage: true });
    await page.close();
  });
});
