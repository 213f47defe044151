import autocannon, { type AutocannonResult } from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import type { ServerReady, SetTelemetry } from './http-protocol.js';
import { describeMachine } from '../harness/machine.js';
import { formatRatio, markdownTable } from '../harness/markdown-table.js';
import { median } from '../harness/median.js';
import { ask, startServer } from './server-process.js';

const ROUNDS = 4;
const ROUND_SECONDS = 5;
const WARMUP_SECONDS = 3;
const CONNECTIONS = 10;
/** Target: telemetry on keeps at least this share of the requests per second of telemetry off. */
const MIN_THROUGHPUT_SHARE = 0.97;

interface Round {
  readonly on: boolean;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly failures: number;
}

async function setTelemetry(server: ChildProcess, on: boolean): Promise<void> {
  const message: SetTelemetry = { kind: 'telemetry', on };
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

function summarize(rounds: readonly Round[], on: boolean) {
  const picked = rounds.filter((round) => round.on === on);
  return {
    requestsPerSecond: median(picked.map((round) => round.requestsPerSecond)),
    p99Ms: median(picked.map((round) => round.p99Ms)),
    failures: picked.reduce((sum, round) => sum + round.failures, 0),
  };
}

/**
 * Load-tests the sample app over loopback with telemetry off and on, alternating rounds on the
 * same server process so both states see the same JIT state and machine load.
 */
async function main(): Promise<void> {
  const { server, ready } = await startServer<ServerReady>('./http-server.js');
  try {
    await loadRound(ready, WARMUP_SECONDS);
    const rounds: Round[] = [];
    for (let n = 0; n < ROUNDS * 2; n++) {
      // off, on, on, off, …: each state goes first as often as second, so neither gains from
      // the machine warming up or slowing down over the run.
      const on = n % 4 === 1 || n % 4 === 2;
      await setTelemetry(server, on);
      const result = await loadRound(ready, ROUND_SECONDS);
      rounds.push({
        on,
        requestsPerSecond: result.requests.average,
        p99Ms: result.latency.p99,
        failures: result.non2xx + result.errors + result.timeouts,
      });
      process.stderr.write(`  round ${n + 1}/${ROUNDS * 2} (${on ? 'on' : 'off'})\n`);
    }
    const off = summarize(rounds, false);
    const on = summarize(rounds, true);
    const share = on.requestsPerSecond / off.requestsPerSecond;
    const roundTable = markdownTable(
      ['round', 'telemetry', 'req/s', 'p99 ms', 'non-2xx + errors'],
      rounds.map((round, n) => [
        String(n + 1),
        round.on ? 'on' : 'off',
        round.requestsPerSecond.toFixed(0),
        round.p99Ms.toFixed(1),
        String(round.failures),
      ]),
    );
    const summary = markdownTable(
      ['telemetry', 'median req/s', 'median p99 ms', 'non-2xx + errors'],
      [
        ['off', off.requestsPerSecond.toFixed(0), off.p99Ms.toFixed(1), String(off.failures)],
        ['on', on.requestsPerSecond.toFixed(0), on.p99Ms.toFixed(1), String(on.failures)],
        ['on ÷ off', formatRatio(share), formatRatio(on.p99Ms / off.p99Ms), ''],
      ],
    );
    const verdict = share >= MIN_THROUGHPUT_SHARE ? 'PASS' : 'FAIL';
    process.stdout.write(
      [
        `## HTTP benchmark — ${new Date().toISOString()}\n`,
        `${describeMachine()}\n`,
        `autocannon, GET ${new URL(ready.url).pathname} on 127.0.0.1, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up, then ${ROUNDS * 2} rounds of ${ROUND_SECONDS} s in the order off, on, on, off, …, server in its own process.\n`,
        summary,
        '',
        `Target: req/s with telemetry on ≥ ${MIN_THROUGHPUT_SHARE * 100}% of off: ${(share * 100).toFixed(1)}% — ${verdict}\n`,
        roundTable,
        '',
      ].join('\n'),
    );
  } finally {
    server.disconnect();
  }
}

await main();
