import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  prometheusName,
  SIGRA_PROMETHEUS_NAMES,
  sigraDashboardQueries,
  sigraGrafanaDashboard,
  sigraMetrics,
} from '../../lib/metrics/index.js';

describe('the Grafana dashboard', () => {
  it('dashboards/sigra-auth.json is what the code generates (run `npm run dashboards`)', async () => {
    const file = await readFile(
      new URL('../../dashboards/sigra-auth.json', import.meta.url),
      'utf8',
    );
    expect(JSON.parse(file)).toEqual(sigraGrafanaDashboard());
  });

  it('queries only the names sigraMetrics() reports', () => {
    const reported = new Set(sigraMetrics().map(prometheusName));
    expect(new Set(Object.values(SIGRA_PROMETHEUS_NAMES))).toEqual(reported);
    for (const expr of sigraDashboardQueries()) {
      const names = expr.match(/sigra_[a-z_]+/g) ?? [];
      expect(names.length, expr).toBeGreaterThan(0);
      for (const name of names) {
        expect(reported.has(name.replace(/_(bucket|count|sum)$/, '')), `${name} in ${expr}`).toBe(
          true,
        );
      }
    }
  });

  it('sums every expression across instances', () => {
    for (const expr of sigraDashboardQueries()) expect(expr, expr).toMatch(/\bsum(\(| by \()/);
  });

  it('has a panel per issue requirement', () => {
    const titles = (sigraGrafanaDashboard().panels as { title: string }[]).map(
      (panel) => panel.title,
    );
    expect(titles).toEqual(
      expect.arrayContaining([
        'Logins per second by result',
        'Latency p50 / p95 / p99 by span',
        'Security signals per minute by event',
        'MFA verifications per minute by method and result',
        'Telemetry handler failures (last 5 minutes)',
      ]),
    );
  });
});
