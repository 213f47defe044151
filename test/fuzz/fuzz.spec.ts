import { describe, expect, it } from 'vitest';
import { describeLeak, runFuzz, SINKS } from '../../fuzz/fuzz-run.js';

// A bounded, seeded run of `npm run fuzz`: the same cases on every run.
const SEED = 20_261_201;
const EMISSIONS = 2_000;

describe('fuzz: secrets × placements × emission paths × sinks', () => {
  it('redact mode: no secret reaches any sink', async () => {
    const report = await runFuzz(SEED, EMISSIONS, 'redact');
    expect(report.emissions).toBe(EMISSIONS);
    // Every sink received output from many emissions: a sink that gets nothing proves nothing.
    for (const count of Object.values(report.reached)) expect(count).toBeGreaterThan(50);
    expect(report.leaks.slice(0, 5).map((leak) => describeLeak(report, leak))).toEqual([]);
  }, 60_000);

  it('strict mode: no secret reaches any sink, and every metadata secret is refused', async () => {
    const report = await runFuzz(SEED + 1, EMISSIONS, 'strict');
    expect(report.leaks.slice(0, 5).map((leak) => describeLeak(report, leak))).toEqual([]);
    expect(report.refusable).toBeGreaterThan(EMISSIONS / 3);
    expect(report.refused).toBe(report.refusable);
  }, 60_000);

  it('with the policy off, every sink shows the secrets: the leak check of each one can fail', async () => {
    const report = await runFuzz(SEED + 2, 400, 'off');
    const leakingSinks = new Set(report.leaks.map((leak) => leak.sink));
    expect(SINKS.filter((sink) => !leakingSinks.has(sink))).toEqual([]);
  }, 60_000);
});
