import { describe, expect, it } from 'vitest';
import type { RowResult } from '../../bench/harness/bench-row.types.js';
import type { MeasuredSet } from '../../bench/harness/comparison-table.js';
import { evaluateTargets, verdictSummary } from '../../bench/harness/targets.js';

const OURS = [
  ...['sync', 'async'].flatMap((mode) =>
    ['span-none', 'span-trivial', 'decorated-trivial', 'decorated-otel'].map(
      (id) => `${id}-${mode}`,
    ),
  ),
  'prom-ours-histogram-sync',
  'prom-ours-counter-sync',
];
const PEERS = [
  ...['sync', 'async'].flatMap((mode) =>
    ['tc-none', 'tc-timed', 'nestjs-otel-sdk', 'otel-api-sdk'].map((id) => `${id}-${mode}`),
  ),
  'prom-direct-histogram-sync',
  'prom-direct-counter-sync',
];

function result(id: string, overheadNs: number): RowResult {
  const medianNs = 100 + overheadNs;
  return {
    id,
    label: id,
    mode: 'sync',
    side: 'ours',
    baseline: 'bare',
    medianNs,
    roundsNs: [medianNs, medianNs],
  };
}

/** The three measured sets `npm run bench` evaluates, every row in each: ours 1 ns, peers 1 µs. */
function measured(overrides: Record<string, number> = {}): MeasuredSet[] {
  const results = [
    result('bare', 0),
    ...OURS.map((id) => result(id, overrides[id] ?? 1)),
    ...PEERS.map((id) => result(id, overrides[id] ?? 1000)),
  ];
  return ['main', 'OTel SDK child', 'OTel bridge child'].map((process) => ({ process, results }));
}

describe('the bench targets', () => {
  it('all pass when ours is far cheaper than every peer', () => {
    const { verdicts } = evaluateTargets(measured());
    expect(verdicts).toHaveLength(10);
    expect(verdicts.every((verdict) => verdict.pass)).toBe(true);
    expect(verdictSummary(verdicts)).toBe('All 10 targets pass.');
  });

  it('fail where a ratio exceeds its bound, and the summary names each failure', () => {
    const { verdicts, table } = evaluateTargets(
      measured({ 'span-none-sync': 100, 'tc-none-sync': 50 }),
    );
    expect(verdicts.filter((verdict) => !verdict.pass).map((verdict) => verdict.name)).toEqual([
      '1. `span` nothing attached ≤ 1.1× TracingChannel no subscriber (sync)',
    ]);
    expect(verdictSummary(verdicts)).toBe(
      '1 of 10 targets fail:\n  1. `span` nothing attached ≤ 1.1× TracingChannel no subscriber (sync)',
    );
    expect(table).toMatch(/no subscriber \(sync\) \| 100\.0 ns \| 50\.0 ns \| 2\.00× .*\| FAIL \|/);
  });
});
