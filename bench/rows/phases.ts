import { attachOpenTelemetry } from '@sigra/nestjs-telemetry/opentelemetry';
import type { RowResult } from '../harness/bench-row.types.js';
import { bootBenchApp } from './bench-nest-app.js';
import { measureRows, type MeasureSettings } from '../harness/measure-rows.js';
import { registerOtelSdk } from './otel-sdk.js';
import { bareRows } from './rows-bare.js';
import { coreRows } from './rows-core.js';
import { decoratedRows } from './rows-decorated.js';
import { otelBridgeRows } from './rows-otel-bridge.js';
import { metricsRows } from './rows-metrics.js';
import { otelRows } from './rows-otel.js';
import { pipelineRows } from './rows-pipeline.js';
import { policyRows } from './rows-policy.js';
import { tracingChannelRows } from './rows-tracing-channel.js';
import { attachTrivialHandlers } from './trivial-handlers.js';

/**
 * Interleaved rounds × CPU time per row per round (about a minute for the main phase).
 * `BENCH_ROUNDS` and `BENCH_ROUND_MS` shorten a run while editing the bench itself.
 */
export const SETTINGS: MeasureSettings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 7),
  cpuTimePerRoundNs: Number(process.env.BENCH_ROUND_MS ?? 150) * 1e6,
};

function reportRound(phase: string): (round: number) => void {
  return (round) => process.stderr.write(`  ${phase}: round ${round}/${SETTINGS.rounds}\n`);
}

/**
 * Every row that needs no OpenTelemetry SDK, in one process: the bare calls, the core API, the
 * decorator, the Nest pipeline, TracingChannel, OpenTelemetry without SDK, and the Prometheus
 * reporter against prom-client called directly.
 */
export async function measureMainPhase(): Promise<RowResult[]> {
  const app = await bootBenchApp();
  attachTrivialHandlers();
  try {
    const rows = [
      ...bareRows(),
      ...coreRows(),
      ...decoratedRows(),
      ...pipelineRows(app),
      ...policyRows(),
      ...tracingChannelRows(),
      ...otelRows('no-sdk'),
      ...metricsRows(),
    ];
    return await measureRows(rows, SETTINGS, reportRound('main'));
  } finally {
    await app.close();
  }
}

/**
 * The rows that need the OpenTelemetry SDK, in a process of their own: registering it installs
 * an AsyncLocalStorage context manager, which slows every promise in the process from then on.
 * The bare calls and `@SigraSpan` are measured again here, so target 3 compares rows measured
 * under the same conditions.
 */
export async function measureOtelSdkPhase(): Promise<RowResult[]> {
  const provider = registerOtelSdk();
  attachTrivialHandlers();
  try {
    const rows = [...bareRows(), ...decoratedRows({ onlyHandled: true }), ...otelRows('sdk')];
    return await measureRows(rows, SETTINGS, reportRound('OTel SDK child'));
  } finally {
    await provider.shutdown();
  }
}

/**
 * `@SigraSpan` through `attachOpenTelemetry` against a hand-written `startActiveSpan` around the
 * same call, in a process of their own: the bridge traces every span of its process, so it
 * cannot share one with the handler rows.
 */
export async function measureOtelBridgePhase(): Promise<RowResult[]> {
  const provider = registerOtelSdk();
  const detach = attachOpenTelemetry();
  try {
    const peers = otelRows('sdk').filter((candidate) => candidate.id.startsWith('otel-api-'));
    const rows = [...bareRows(), ...otelBridgeRows(), ...peers];
    return await measureRows(rows, SETTINGS, reportRound('OTel bridge child'));
  } finally {
    detach();
    await provider.shutdown();
  }
}
