import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  SIGRA_ALERT_DEFAULTS,
  SIGRA_PROMETHEUS_NAMES,
  sigraAlertRules,
} from '../../lib/metrics/index.js';

const run = promisify(execFile);
const alerts = fileURLToPath(new URL('../../alerts/', import.meta.url));

type Rule = { alert?: string; record?: string; expr: string; labels?: { severity: string } };

function rules(file = sigraAlertRules()): Rule[] {
  return file.groups.flatMap((group) => group.rules as Rule[]);
}

describe('sigraAlertRules', () => {
  it('alerts/sigra-auth.rules.yml is what the code generates (run `npm run alerts`)', async () => {
    const file = parse(await readFile(`${alerts}sigra-auth.rules.yml`, 'utf8')) as unknown;
    expect(file).toEqual(sigraAlertRules());
  });

  it('has every alert of the runbook, each with a severity, a summary and a description with numbers', () => {
    const alerting = rules().filter((rule) => rule.alert !== undefined);
    expect(alerting.map((rule) => rule.alert)).toEqual([
      'SigraCredentialStuffing',
      'SigraLockoutStorm',
      'SigraMfaBruteForce',
      'SigraRefreshTokenReuse',
      'SigraRateLimitSaturation',
      'SigraSuspiciousLoginsAboveBaseline',
      'SigraTelemetryHandlerFailures',
    ]);
    for (const rule of alerting as (Rule & { annotations: Record<string, string> })[]) {
      expect(['critical', 'warning']).toContain(rule.labels?.severity);
      expect(rule.annotations.summary).not.toBe('');
      expect(rule.annotations.description).toContain('{{ $value | humanize }}');
    }
  });

  it('sums every expression across instances and queries only sigraMetrics() names', () => {
    const names = new Set(Object.values(SIGRA_PROMETHEUS_NAMES));
    for (const rule of rules()) {
      for (const name of rule.expr.match(/\bsigra_[a-z_]+/g) ?? []) {
        expect(names.has(name.replace(/_(bucket|count|sum)$/, '') as never), name).toBe(true);
      }
      const raw = rule.expr.match(/\bsigra_[a-z_]+/g) ?? [];
      if (raw.length > 0) expect(rule.expr, rule.expr).toMatch(/\bsum(\(| by \()/);
    }
  });

  it('takes thresholds as options', () => {
    const tuned = sigraAlertRules({ stuffingFailuresPerSecond: 5, stuffingFor: '1m' });
    const stuffing = rules(tuned).find(
      (rule) => rule.alert === 'SigraCredentialStuffing',
    ) as Rule & {
      for: string;
    };
    expect(stuffing.expr).toContain('sigra:login_failures:rate5m > 5 and');
    expect(stuffing.for).toBe('1m');
    expect(SIGRA_ALERT_DEFAULTS.stuffingFailuresPerSecond).toBe(1);
  });

  it('points runbooks where asked', () => {
    const annotations = rules(sigraAlertRules({ runbookBaseUrl: 'https://wiki.example/auth#' }))
      .filter((rule) => rule.alert !== undefined)
      .map((rule) => (rule as Rule & { annotations: { runbook: string } }).annotations.runbook);
    expect(annotations[0]).toBe('https://wiki.example/auth#sigracredentialstuffing');
    expect(annotations.every((url) => url.startsWith('https://wiki.example/auth#'))).toBe(true);
  });

  it.each([
    [{ runbookBaseUrl: 'wiki/auth' }, /runbookBaseUrl must be an http\(s\) URL, got 'wiki\/auth'/],
    [
      { stuffingFor: '5 minutes' },
      /stuffingFor must be a Prometheus duration such as '5m', got '5 minutes'/,
    ],
    [{ lockoutsPer15m: -1 }, /lockoutsPer15m must be a finite number ≥ 0, got -1/],
    [{ stuffingRatio: 0.5 }, /unknown option "stuffingRatio"; use stuffingFailuresPerSecond, /],
  ])('refuses bad thresholds: %o', (thresholds, message) => {
    expect(() => sigraAlertRules(thresholds as never)).toThrow(message);
  });
});

// Debian's prometheus package ships promtool (.ci/run installs it).
describe('promtool', () => {
  it('checks the rule file', async () => {
    const { stdout } = await run('promtool', ['check', 'rules', `${alerts}sigra-auth.rules.yml`]);
    expect(stdout).toContain('SUCCESS: 13 rules found');
  });

  it('passes the unit tests: each alert fires on its attack and stays quiet on the look-alikes', async () => {
    const result = await run('promtool', [
      'test',
      'rules',
      `${alerts}tests/sigra-auth.test.yml`,
    ]).catch((error: { stdout: string; stderr: string }) => error);
    const output = `${result.stdout}${result.stderr}`;
    expect(output).not.toContain('FAILED');
    expect(output).toContain('SUCCESS');
  }, 60_000);
});
