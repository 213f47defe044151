import autocannon, { type AutocannonResult } from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import type { ServerReady, SetTelemetry, TelemetryState } from './http-protocol.js';
import { describeMachine } from '../harness/machine.js';
import { markdownTable } from '../harness/markdown-table.js';
import { median } from '../harness/median.js';
import { ask, startServer } from './server-process.js';

const ROUND_SECONDS = 4;
const WARMUP_SECONDS = 3;
const CONNECTIONS = 10;
/** In the first block; each later block starts one state further (see `main`). */
const STATES: readonly TelemetryState[] = ['off', 'logger', 'full', 'sdk', 'hand'];
/** Rounds per state: one block per state, so that each state takes each place in a block once. */
const ROUNDS = STATES.length;

/** What each state is, in the tables. */
const STATE_LABELS: Readonly<Record<TelemetryState, string>> = {
  off: 'off',
  logger: 'default logger',
  full: 'default logger + `sigraMetrics()` (Prometheus) + OTel bridge and SDK',
  sdk: 'OTel SDK alone, its context manager in use (no Sigra handler or bridge)',
  hand: 'OTel SDK + a hand-written `startActiveSpan` around the token check (no Sigra handler or bridge)',
};

/** Targets: a state keeps at least this share of the requests per second of `off`. */
const TARGETS: readonly { readonly state: TelemetryState; readonly minShare: number }[] = [
  { state: 'logger', minShare: 0.97 },
  { state: 'full', minShare: 0.95 },
];

interface Round {
  readonly state: TelemetryState;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly failures: number;
}

async function setTelemetry(server: ChildProcess, state: TelemetryState): Promise<void> {
  const message: SetTelemetry = { kind: 'telemetry', state };
  await ask(server, message);
}

/** One fixed-length load round against the loopback server; autocannon stops by itself. */
async function loadRound(ready: ServerReady, seconds: number): Promise<AutocannonResult> {
  return autocannon({
    url: ready.url,
    headers: ready.headers,
    connections: CONNECTIONS,
    duration: seconds,
  });
}

function summarize(rounds: readonly Round[], state: TelemetryState) {
  const picked = rounds.filter((round) => round.state === state);
  return {
    requestsPerSecond: median(picked.map((round) => round.requestsPerSecond)),
    p99Ms: median(picked.map((round) => round.p99Ms)),
    failures: picked.reduce((sum, round) => sum + round.failures, 0),
  };
}

/**
 * Load-tests the sample app over loopback in each telemetry state, rounds of the states
 * interleaved on the same server process so all see the same JIT state and machine load.
 */
async function main(): Promise<void> {
  const { server, ready } = await startServer<ServerReady>('./http-server.js');
  try {
    await loadRound(ready, WARMUP_SECONDS);
    const rounds: Round[] = [];
    const total = ROUNDS * STATES.length;
    for (let n = 0; n < total; n++) {
      // Block b runs the states rotated by b: over the run each state takes each place in a block
      // once, so none gains from the machine warming up or slowing down over the run.
      const block = Math.floor(n / STATES.length);
      const state = STATES[(n + block) % STATES.length]!;
      await setTelemetry(server, state);
      const result = await loadRound(ready, ROUND_SECONDS);
      rounds.push({
        state,
        requestsPerSecond: result.requests.average,
        p99Ms: result.latency.p99,
        failures: result.non2xx + result.errors + result.timeouts,
      });
      process.stderr.write(`  round ${n + 1}/${total} (${state})\n`);
    }
    const off = summarize(rounds, 'off');
    const summary = markdownTable(
      ['telemetry', 'median req/s', 'share of off', 'median p99 ms', 'non-2xx + errors'],
      STATES.map((state) => {
        const result = summarize(rounds, state);
        return [
          STATE_LABELS[state],
          result.requestsPerSecond.toFixed(0),
          `${((result.requestsPerSecond / off.requestsPerSecond) * 100).toFixed(1)}%`,
          result.p99Ms.toFixed(1),
          String(result.failures),
        ];
      }),
    );
    const verdicts = TARGETS.map(({ state, minShare }) => {
      const share = summarize(rounds, state).requestsPerSecond / off.requestsPerSecond;
      const verdict = share >= minShare ? 'PASS' : 'FAIL';
      return `- ${STATE_LABELS[state]} ≥ ${minShare * 100}% of off: ${(share * 100).toFixed(1)}% — ${verdict}`;
    });
    const full = summarize(rounds, 'full').requestsPerSecond;
    const sdk = summarize(rounds, 'sdk').requestsPerSecond;
    const hand = summarize(rounds, 'hand').requestsPerSecond;
    const roundTable = markdownTable(
      ['round', 'telemetry', 'req/s', 'p99 ms', 'non-2xx + errors'],
      rounds.map((round, n) => [
        String(n + 1),
        round.state,
        round.requestsPerSecond.toFixed(0),
        round.p99Ms.toFixed(1),
        String(round.failures),
      ]),
    );
    process.stdout.write(
      [
        `## HTTP benchmark — ${new Date().toISOString()}\n`,
        `${describeMachine()}\n`,
        `autocannon, GET ${new URL(ready.url).pathname} on 127.0.0.1, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up, then ${total} rounds of ${ROUND_SECONDS} s, blocks of the states ${STATES.join(', ')} rotated by one per block, server in its own process.\n`,
        summary,
        '',
        'Targets:',
        '',
        ...verdicts,
        `- (not a target) full ÷ OTel SDK alone, what Sigra adds when the SDK is the app's own: ${((full / sdk) * 100).toFixed(1)}%`,
        `- (not a target) hand-written span ÷ OTel SDK alone, what one SDK span per request costs without Sigra: ${((hand / sdk) * 100).toFixed(1)}%`,
        '',
        roundTable,
        '',
      ].join('\n'),
    );
  } finally {
    server.disconnect();
  }
}

await main();
