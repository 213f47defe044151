import { afterEach, describe, expect, it } from 'vitest';
import { DASHBOARD_TOKEN } from '../../sample-app/src/dashboard/dashboard.module.js';
import { runDemo, type DemoResult } from '../../sample-app/src/demo/run-demo.js';

let result: DemoResult | undefined;
const port = process.env.PORT;
afterEach(async () => {
  await result?.app?.close();
  result = undefined;
  if (port === undefined) delete process.env.PORT;
  else process.env.PORT = port;
});

describe('the sample app dashboard', () => {
  it('is printed by the demo, and with --serve stays up showing the story from history', async () => {
    process.env.PORT = '0';
    const printed: string[] = [];
    result = await runDemo({ out: (line) => printed.push(line), serve: true });
    const line = printed.find((text) => text.startsWith('Dashboard: '));
    const url = new URL(line?.slice('Dashboard: '.length) ?? '');
    expect(url.pathname).toBe('/sigra');
    expect(url.searchParams.get('token')).toBe(DASHBOARD_TOKEN);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Sigra auth dashboard</title>');
    const refused = await fetch(new URL('/sigra/history', url));
    expect(refused.status).toBe(401);
    await refused.arrayBuffer();

    const history = await fetch(new URL(`/sigra/history?token=${DASHBOARD_TOKEN}`, url));
    const snapshot = (await history.json()) as {
      series: { id: number; labels: Record<string, string> }[];
      data: { series: number; points: number[][] }[];
      feed: { event: string }[];
    };
    const lockouts = snapshot.series.find((series) => series.labels.event === 'security.lockout');
    const counted = snapshot.data
      .find((data) => data.series === lockouts?.id)
      ?.points.reduce((total, [, count]) => total + (count as number), 0);
    expect(counted).toBe(1);
    expect(snapshot.feed.map((entry) => entry.event)).toContain('sigra.security.lockout');
  }, 60_000);
});
