import type { RowResult } from './bench-row.types.js';
import type { MeasuredSet } from './comparison-table.js';
import { formatRatio, markdownTable } from './markdown-table.js';
import { resultById, rowOverhead } from './overhead.js';

/** A target: our overhead ÷ a peer's overhead, each over the bare call of the same process. */
interface Target {
  readonly name: string;
  readonly ours: string;
  readonly peer: string;
  /** Which measured set both rows come from. */
  readonly process: string;
  /** PASS when the ratio is at most this. */
  readonly maxRatio: number;
}

const TARGETS: readonly Target[] = [
  ...(['sync', 'async'] as const).flatMap((mode) => [
    {
      name: `1. \`span\` nothing attached ≤ 1.1× TracingChannel no subscriber (${mode})`,
      ours: `span-none-${mode}`,
      peer: `tc-none-${mode}`,
      process: 'main',
      maxRatio: 1.1,
    },
    {
      name: `2. \`span\` one trivial handler ≤ 1.0× TracingChannel timing subscriber (${mode})`,
      ours: `span-trivial-${mode}`,
      peer: `tc-timed-${mode}`,
      process: 'main',
      maxRatio: 1.0,
    },
  ]),
  ...(['sync', 'async'] as const).map((mode) => ({
    name: `3. \`@SigraSpan\` one handler ≥ 20× cheaper than nestjs-otel \`@Span()\` with SDK (${mode})`,
    ours: `decorated-trivial-${mode}`,
    peer: `nestjs-otel-sdk-${mode}`,
    process: 'OTel SDK child',
    maxRatio: 1 / 20,
  })),
  ...(['sync', 'async'] as const).map((mode) => ({
    name: `4. \`@SigraSpan\` OpenTelemetry bridge + SDK ≤ 1.1× hand-written \`startActiveSpan\` + SDK (${mode})`,
    ours: `decorated-otel-${mode}`,
    peer: `otel-api-sdk-${mode}`,
    process: 'OTel bridge child',
    maxRatio: 1.1,
  })),
  ...(['histogram', 'counter'] as const).map((kind) => ({
    name: `5. Prometheus reporter per event ≤ 1.2× prom-client called directly (${kind})`,
    ours: `prom-ours-${kind}-sync`,
    peer: `prom-direct-${kind}-sync`,
    process: 'main',
    maxRatio: 1.2,
  })),
].toSorted((a, b) => a.name.localeCompare(b.name));

/** One evaluated target, for the summary line and the exit code. */
export interface TargetVerdict {
  readonly name: string;
  readonly pass: boolean;
}

/**
 * Evaluates every target on the rows of the process it names and renders the table. A † marks a
 * ratio where at least one overhead sits inside its noise band (floored at ε).
 */
export function evaluateTargets(sets: readonly MeasuredSet[]): {
  table: string;
  verdicts: TargetVerdict[];
} {
  const verdicts: TargetVerdict[] = [];
  const rows = TARGETS.map((target) => {
    const results: readonly RowResult[] = sets.find(
      (set) => set.process === target.process,
    )!.results;
    const ours = rowOverhead(results, resultById(results, target.ours));
    const peer = rowOverhead(results, resultById(results, target.peer));
    const ratio = ours.ns / peer.ns;
    const pass = ratio <= target.maxRatio;
    verdicts.push({ name: target.name, pass });
    const noisy = ours.noise || peer.noise ? ' †' : '';
    return [
      target.name,
      `${ours.rawNs.toFixed(1)} ns`,
      `${peer.rawNs.toFixed(1)} ns`,
      `${formatRatio(ratio)}${noisy}`,
      `≤ ${formatRatio(target.maxRatio)}`,
      `${formatRatio(peer.ns / ours.ns)}`,
      pass ? 'PASS' : 'FAIL',
    ];
  });
  return {
    table: markdownTable(
      ['target', 'our overhead', 'peer overhead', 'ratio', 'needed', 'ours cheaper by', 'verdict'],
      rows,
    ),
    verdicts,
  };
}

/**
 * What `npm run bench` ends with on stderr: that every target passes, or how many fail and
 * which. With `--check`, a failure also makes the exit code 1.
 */
export function verdictSummary(verdicts: readonly TargetVerdict[]): string {
  const failed = verdicts.filter((verdict) => !verdict.pass);
  if (failed.length === 0) return `All ${verdicts.length} targets pass.`;
  return [
    `${failed.length} of ${verdicts.length} targets fail:`,
    ...failed.map((verdict) => `  ${verdict.name}`),
  ].join('\n');
}
