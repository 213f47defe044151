import { parseArgs } from 'node:util';
import type { RowResult } from './harness/bench-row.types.js';
import { runInChild, sendToParent } from './harness/child-process.js';
import { comparisonTable, type MeasuredSet } from './harness/comparison-table.js';
import { describeMachine } from './harness/machine.js';
import { OVERHEAD_EPSILON_NS } from './harness/overhead.js';
import {
  measureMainPhase,
  measureOtelBridgePhase,
  measureOtelSdkPhase,
  SETTINGS,
} from './rows/phases.js';
import { resultsTable } from './harness/results-table.js';
import {
  evaluateTargets,
  isCheckFailure,
  verdictSummary,
  type TargetVerdict,
} from './harness/targets.js';

const OTEL_SDK_PHASE = 'otel-sdk';
const OTEL_BRIDGE_PHASE = 'otel-bridge';

function section(title: string, body: string): string {
  return `### ${title}\n\n${body}\n`;
}

/**
 * Measures everything, prints the Markdown report and returns the target verdicts (a failed
 * target is reported, not thrown).
 */
async function runAllPhases(): Promise<readonly TargetVerdict[]> {
  const started = Date.now();
  process.stderr.write('main phase (no OpenTelemetry SDK in this process)\n');
  const mainSet: MeasuredSet = { process: 'main', results: await measureMainPhase() };
  process.stderr.write('OTel SDK phase (child process)\n');
  const sdk: MeasuredSet = {
    process: 'OTel SDK child',
    results: await runInChild<RowResult[]>(new URL('./run.js', import.meta.url), [
      `--phase=${OTEL_SDK_PHASE}`,
    ]),
  };
  process.stderr.write('OTel bridge phase (child process)\n');
  const bridge: MeasuredSet = {
    process: 'OTel bridge child',
    results: await runInChild<RowResult[]>(new URL('./run.js', import.meta.url), [
      `--phase=${OTEL_BRIDGE_PHASE}`,
    ]),
  };
  process.stderr.write('memory (child process)\n');
  const memory = await runInChild<string>(new URL('./memory.js', import.meta.url), ['--child']);
  process.stderr.write('dashboard aggregation (child process)\n');
  const dashboard = await runInChild<string>(new URL('./dashboard.js', import.meta.url), [
    '--child',
  ]);
  const targets = evaluateTargets([mainSet, sdk, bridge]);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);

  const report = [
    `## Benchmark run — ${new Date().toISOString()}\n`,
    `${describeMachine()}\n`,
    `mitata, ${SETTINGS.rounds} interleaved rounds × ${SETTINGS.cpuTimePerRoundNs / 1e6} ms per row; value = median of the per-round p50s. ` +
      `Overhead = row median − baseline median; † = inside the noise band (half the round-to-round spread of both rows), floored at ε = ${OVERHEAD_EPSILON_NS} ns for ratios. ` +
      `The OTel SDK rows ran last, in a child process of their own. Total ${seconds} s.\n`,
    section('Targets', targets.table),
    section('Sync rows (main process)', resultsTable(mainSet.results, 'sync')),
    section('Async rows (main process)', resultsTable(mainSet.results, 'async')),
    section(
      'OTel SDK rows (child process)',
      [resultsTable(sdk.results, 'sync'), resultsTable(sdk.results, 'async')].join('\n\n'),
    ),
    section(
      'OTel bridge rows (child process)',
      [resultsTable(bridge.results, 'sync'), resultsTable(bridge.results, 'async')].join('\n\n'),
    ),
    section(
      'Ours against each peer, sync (overhead ÷ overhead)',
      comparisonTable(mainSet, [mainSet, sdk], 'sync'),
    ),
    section(
      'Ours against each peer, async (overhead ÷ overhead)',
      comparisonTable(mainSet, [mainSet, sdk], 'async'),
    ),
    section('Memory (child process)', memory),
    section('Dashboard aggregation per event (child process)', dashboard),
  ].join('\n');
  process.stdout.write(`${report}\n`);
  return targets.verdicts;
}

// `--check`: a target missed by more than the run's own noise band makes the exit code 1 (off
// by default: some targets fail today; see BENCHMARKS.md). Unknown flags are refused, not ignored.
const { values: flags } = parseArgs({
  options: { phase: { type: 'string' }, check: { type: 'boolean', default: false } },
});
if (flags.phase === OTEL_SDK_PHASE) {
  await sendToParent(await measureOtelSdkPhase());
} else if (flags.phase === OTEL_BRIDGE_PHASE) {
  await sendToParent(await measureOtelBridgePhase());
} else if (flags.phase !== undefined) {
  throw new TypeError(
    `--phase=${flags.phase} is not a phase; run.js starts its phases itself: run it without --phase.`,
  );
} else {
  const verdicts = await runAllPhases();
  process.stderr.write(`${verdictSummary(verdicts)}\n`);
  if (flags.check && isCheckFailure(verdicts)) {
    process.stderr.write('--check: exit code 1 because a target failed by more than the noise.\n');
    process.exitCode = 1;
  }
}
