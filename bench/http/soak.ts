import autocannon, { type AutocannonRequest } from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { describeMachine } from '../harness/machine.js';
import { markdownTable } from '../harness/markdown-table.js';
import {
  FLAT_TOLERANCE_BYTES,
  FLAT_TOLERANCE_SHARE,
  judgeHeapTrend,
  MIN_JUDGED_SAMPLES,
  WARMUP_SHARE,
  type HeapReading,
} from '../harness/heap-trend.js';
import { ask, startServer } from './server-process.js';
import type { HeapRequest, HeapSample, SoakReady } from './soak-protocol.js';

const CONNECTIONS = 8;
const SAMPLE_EVERY_MS = 2_000;
/** Client addresses sent in X-Forwarded-For (the sample app trusts it from loopback). */
const CLIENT_ADDRESSES = 128;
/** Addresses registration cycles through: the first use of each registers, later ones get 409. */
const REGISTERED_ADDRESSES = 100;

function options(): { seconds: number; logger: 'on' | 'off' } {
  const { values } = parseArgs({
    options: { seconds: { type: 'string' }, logger: { type: 'string', default: 'on' } },
  });
  if (values.logger !== 'on' && values.logger !== 'off') {
    throw new TypeError(`soak: --logger must be on (the default) or off, got ${values.logger}.`);
  }
  const seconds = Number(values.seconds ?? process.env.SOAK_SECONDS ?? 30);
  if (!Number.isFinite(seconds) || seconds < 8 || seconds > 3_600) {
    throw new TypeError(
      `soak: --seconds (or SOAK_SECONDS) must be a number from 8 to 3600, got ${values.seconds ?? process.env.SOAK_SECONDS}.`,
    );
  }
  return { seconds, logger: values.logger };
}

let nextClient = 0;
function clientAddress(): string {
  return `10.77.0.${(nextClient++ % CLIENT_ADDRESSES) + 1}`;
}

let nextRegistration = 0;

const json = (body: object): Pick<AutocannonRequest, 'headers' | 'body'> => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** With a client address, and the session token the connection's last login got, if asked. */
function from(
  request: AutocannonRequest,
  context: Record<string, unknown>,
  withSession = false,
): AutocannonRequest | undefined {
  if (withSession && typeof context.session !== 'string') return undefined;
  return {
    ...request,
    headers: {
      ...request.headers,
      'x-forwarded-for': clientAddress(),
      ...(withSession ? { authorization: `Bearer ${context.session as string}` } : {}),
    },
  };
}

/**
 * A user's visit, looped by every connection: register (new, then taken), log in, list the
 * sessions, log out, a wrong-password login (401, then 423 once the account locks), an API call
 * with a token, a reset request for an unknown address.
 */
function visit(ready: SoakReady): AutocannonRequest[] {
  return [
    {
      method: 'POST',
      path: '/auth/register',
      setupRequest: (request, context) =>
        from(
          {
            ...request,
            ...json({
              email: `soak-${nextRegistration++ % REGISTERED_ADDRESSES}@example.com`,
              password: 'a soak password that is long enough 7',
            }),
          },
          context,
        ),
    },
    {
      method: 'POST',
      path: '/auth/login',
      ...json(ready.account),
      setupRequest: from,
      onResponse: (status, body, context) => {
        context.session =
          status === 200
            ? (JSON.parse(body) as { session_token: string }).session_token
            : undefined;
      },
    },
    {
      method: 'GET',
      path: '/auth/sessions',
      setupRequest: (request, context) => from(request, context, true),
    },
    {
      method: 'POST',
      path: '/auth/logout',
      setupRequest: (request, context) => from(request, context, true),
    },
    {
      method: 'POST',
      path: '/auth/login',
      ...json({ email: ready.victim, password: 'not the password 0' }),
      setupRequest: from,
    },
    {
      method: 'GET',
      path: '/api-tokens/whoami',
      headers: { authorization: `Bearer ${ready.apiToken}` },
      setupRequest: from,
    },
    {
      method: 'POST',
      path: '/password-reset/request',
      ...json({ email: 'nobody@example.com' }),
      setupRequest: from,
    },
  ];
}

async function heap(server: ChildProcess): Promise<number> {
  const request: HeapRequest = { kind: 'heap' };
  return (await ask<HeapSample>(server, request)).heapUsed;
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(2);

async function main(): Promise<void> {
  const { seconds, logger } = options();
  const { server, ready } = await startServer<SoakReady>(
    './soak-server.js',
    ['--expose-gc'],
    [logger],
  );
  try {
    const samples: HeapReading[] = [{ seconds: 0, heapUsed: await heap(server), phase: 'before' }];
    const started = performance.now();
    // autocannon answers a thenable, not a Promise.
    const load = Promise.resolve(
      autocannon({
        url: ready.base,
        connections: CONNECTIONS,
        duration: seconds,
        requests: visit(ready),
      }),
    );
    const finished = load.then(() => 'finished' as const);
    const tick = () =>
      new Promise<'tick'>((resolve) => setTimeout(() => resolve('tick'), SAMPLE_EVERY_MS));
    while ((await Promise.race([finished, tick()])) === 'tick') {
      const heapUsed = await heap(server);
      samples.push({ seconds: (performance.now() - started) / 1000, heapUsed, phase: 'load' });
      process.stderr.write(
        `  ${Math.round(samples.at(-1)!.seconds)} s: heap ${mib(heapUsed)} MiB\n`,
      );
    }
    const result = await load;
    samples.push({
      seconds: (performance.now() - started) / 1000,
      heapUsed: await heap(server),
      phase: 'after',
    });
    const heapVerdict = judgeHeapTrend(samples, seconds);
    const failures = result['5xx'] + result.errors + result.timeouts;
    const statuses = Object.entries(result.statusCodeStats)
      .map(([status, { count }]) => `${status}: ${count}`)
      .join(', ');
    process.stdout.write(
      [
        `## Soak — ${new Date().toISOString()}\n`,
        `${describeMachine()}\n`,
        `autocannon on 127.0.0.1, ${CONNECTIONS} connections, ${seconds} s, each connection looping register, login, GET sessions, logout, wrong-password login, GET api-tokens/whoami, reset request; the sample app with its default logger (text) ${logger === 'on' ? 'on' : 'detached (control run)'}, in its own process.\n`,
        markdownTable(
          ['requests', 'req/s', 'p99 ms', 'statuses', '5xx', 'errors + timeouts'],
          [
            [
              String(result.requests.total),
              result.requests.average.toFixed(0),
              result.latency.p99.toFixed(1),
              statuses,
              String(result['5xx']),
              String(result.errors + result.timeouts),
            ],
          ],
        ),
        '',
        'Heap used after a full GC in the server:\n',
        markdownTable(
          ['t (s)', 'phase', 'heap MiB'],
          samples.map((sample) => [sample.seconds.toFixed(1), sample.phase, mib(sample.heapUsed)]),
        ),
        '',
        `Heap flat means: over the samples under load after the first ${WARMUP_SHARE * 100}% of the run, the median of the last third is at most max(${mib(FLAT_TOLERANCE_BYTES)} MiB, ${FLAT_TOLERANCE_SHARE * 100}%) above the median of the first third (and at least ${MIN_JUDGED_SAMPLES} samples are judged). ${heapVerdict.judged} samples judged; first third ${mib(heapVerdict.first)} MiB, last third ${mib(heapVerdict.last)} MiB, growth ${mib(heapVerdict.growth)} MiB, tolerance ${mib(heapVerdict.tolerance)} MiB: ${heapVerdict.flat ? 'flat' : heapVerdict.judged < MIN_JUDGED_SAMPLES ? 'too few samples to judge' : 'GROWING'}.`,
        `Verdict: ${failures === 0 && heapVerdict.flat ? 'PASS' : 'FAIL'} (no 5xx, error or timeout: ${failures === 0 ? 'yes' : 'no'}; heap flat: ${heapVerdict.flat ? 'yes' : 'no'}).\n`,
      ].join('\n'),
    );
    if (failures !== 0 || !heapVerdict.flat) process.exitCode = 1;
  } finally {
    server.disconnect();
  }
}

await main();
