import type { RowResult } from './bench-row.types.js';
import type { MeasuredSet } from './comparison-table.js';
import { formatRatio, markdownTable } from './markdown-table.js';
import { OVERHEAD_EPSILON_NS, resultById, rowOverhead, type Overhead } from './overhead.js';

/**
 * A target: our overhead ÷ a peer's overhead, each over its baseline in the same process; or,
 * without a peer, our overhead itself in ns.
 */
interface Target {
  readonly name: string;
  readonly ours: string;
  /** The peer row; `undefined` for a target on our overhead alone (`maxRatio` is then in ns). */
  readonly peer: string | undefined;
  /** Which measured set both rows come from. */
  readonly process: string;
  /** PASS when the ratio (or, without a peer, the overhead in ns) is at most this. */
  readonly maxRatio: number;
}

const TARGETS: readonly Target[] = [
  ...(['sync', 'async'] as const).flatMap((mode) => [
    {
      name: `1. \`span\` nothing attached, name a constant ≤ 1.1× TracingChannel no subscriber (${mode})`,
      ours: `span-none-${mode}`,
      peer: `tc-none-${mode}`,
      process: 'main',
      maxRatio: 1.1,
    },
    {
      name: `1. \`span\` nothing attached, name a literal array ≤ 1.5× TracingChannel no subscriber (${mode})`,
      ours: `span-literal-${mode}`,
      peer: `tc-none-${mode}`,
      process: 'main',
      maxRatio: 1.5,
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
  {
    name: '6. Nest pipeline + `SigraSpanInterceptor` one trivial handler ≤ 1.5 µs over a pass-through interceptor (async)',
    ours: 'pipeline-trivial-async',
    peer: undefined,
    process: 'main',
    maxRatio: 1500,
  },
].toSorted((a, b) => a.name.localeCompare(b.name));

/**
 * One evaluated target, for the summary line and the exit code. A target that misses by less
 * than the run's own noise (`withinNoise`) does not fail `--check`: on a shared machine a row's
 * rounds can spread by more than the margin a target leaves.
 */
export interface TargetVerdict {
  readonly name: string;
  readonly pass: boolean;
  readonly withinNoise: boolean;
}

/** What one target compares: a ratio of overheads, or our overhead alone. */
interface Evaluated {
  readonly value: number;
  /** The value at the favourable edge of both rows' noise bands. */
  readonly bestCase: number;
  readonly ours: Overhead;
  readonly peer: Overhead | undefined;
}

function evaluate(results: readonly RowResult[], target: Target): Evaluated {
  const ours = rowOverhead(results, resultById(results, target.ours));
  if (target.peer === undefined) {
    return { value: ours.rawNs, bestCase: ours.rawNs - ours.band, ours, peer: undefined };
  }
  const peer = rowOverhead(results, resultById(results, target.peer));
  const bestOurs = Math.max(ours.rawNs - ours.band, OVERHEAD_EPSILON_NS);
  return { value: ours.ns / peer.ns, bestCase: bestOurs / (peer.ns + peer.band), ours, peer };
}

function formatLimit(target: Target, value: number): string {
  return target.peer === undefined ? `${value.toFixed(0)} ns` : formatRatio(value);
}

/**
 * Evaluates every target on the rows of the process it names and renders the table. A † marks a
 * ratio where at least one overhead sits inside its noise band (floored at ε). A target missed
 * only by less than the noise is "MISS (noise)": still reported, not a `--check` failure.
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
    const { value, bestCase, ours, peer } = evaluate(results, target);
    const pass = value <= target.maxRatio;
    const withinNoise = !pass && bestCase <= target.maxRatio;
    verdicts.push({ name: target.name, pass, withinNoise });
    const noisy = ours.noise || peer?.noise === true ? ' †' : '';
    return [
      target.name,
      `${ours.rawNs.toFixed(1)} ns`,
      peer === undefined ? '—' : `${peer.rawNs.toFixed(1)} ns`,
      `${formatLimit(target, value)}${noisy}`,
      `≤ ${formatLimit(target, target.maxRatio)}`,
      peer === undefined ? '—' : formatRatio(peer.ns / ours.ns),
      pass ? 'PASS' : withinNoise ? 'MISS (noise)' : 'FAIL',
    ];
  });
  return {
    table: markdownTable(
      [
        'target',
        'our overhead',
        'peer overhead',
        'measured',
        'needed',
        'ours cheaper by',
        'verdict',
      ],
      rows,
    ),
    verdicts,
  };
}

/**
 * What `npm run bench` ends with on stderr: which targets fail by more than the run's noise,
 * and which miss by less. With `--check`, a failure of the first kind makes the exit code 1.
 */
export function verdictSummary(verdicts: readonly TargetVerdict[]): string {
  const failed = verdicts.filter((verdict) => !verdict.pass && !verdict.withinNoise);
  const noisy = verdicts.filter((verdict) => verdict.withinNoise);
  if (failed.length === 0 && noisy.length === 0) return `All ${verdicts.length} targets pass.`;
  const lines =
    failed.length === 0
      ? [`No target fails by more than this run's noise (${verdicts.length} targets).`]
      : [
          `${failed.length} of ${verdicts.length} targets fail:`,
          ...failed.map((verdict) => `  ${verdict.name}`),
        ];
  if (noisy.length !== 0) {
    lines.push(
      `${noisy.length} missed by less than this run's noise (not a --check failure):`,
      ...noisy.map((verdict) => `  ${verdict.name}`),
    );
  }
  return lines.join('\n');
}

/** Whether `--check` fails: a target missed by more than the run's own noise band. */
export function isCheckFailure(verdicts: readonly TargetVerdict[]): boolean {
  return verdicts.some((verdict) => !verdict.pass && !verdict.withinNoise);
}
