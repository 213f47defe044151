import { span } from '@sigra/nestjs-telemetry';
import { BENCH_EVENTS as E } from './rows/bench-events.js';
import { sendToParent } from './harness/child-process.js';
import { collectGarbage, GcCounter, settleEntries } from './harness/heap-probe.js';
import { markdownTable } from './harness/markdown-table.js';
import { median } from './harness/median.js';
import { attachTrivialHandlers } from './rows/trivial-handlers.js';
import { work, workAsync } from './rows/workload.js';

/** Calls per allocation window: ~1 MB at 100 B/call, far below the young generation's size. */
const WINDOW_CALLS = 10_000;
const WINDOWS = 7;
const RETAINED_SPANS = 1_000_000;

let sink = 0;
const HOISTED_METADATA = { user_id: 1 };
const hoistedWork = () => work(7);

/** The loops whose allocations are measured; `bare` is the harness alone and is subtracted. */
const ALLOCATION_CASES: readonly { label: string; loop: (n: number) => void }[] = [
  {
    label: 'bare loop (harness, subtracted from the rows below)',
    loop: (n) => {
      for (let i = 0; i < n; i++) sink ^= hoistedWork();
    },
  },
  {
    label: '`span`, nothing attached, metadata and fn hoisted (the span itself)',
    loop: (n) => {
      for (let i = 0; i < n; i++) sink ^= span(E.spanNone, HOISTED_METADATA, hoistedWork);
    },
  },
  {
    label: '`span`, nothing attached, fresh metadata + closure per call (caller shape)',
    loop: (n) => {
      for (let i = 0; i < n; i++) sink ^= span(E.spanNone, { user_id: i }, () => work(i));
    },
  },
  {
    label: '`span`, one trivial handler, fresh metadata + closure per call',
    loop: (n) => {
      for (let i = 0; i < n; i++) sink ^= span(E.spanTrivial, { user_id: i }, () => work(i));
    },
  },
];

/**
 * Bytes allocated per call: the growth of `heapUsed` over a window of calls short enough that no
 * collection runs inside it (a window with a collection is discarded and retried). Node 20's V8
 * exposes no allocation counter, and between collections `heapUsed` only grows by what is
 * allocated, so this reads allocation directly. The loop is warmed up first so optimized code,
 * not the interpreter, is measured.
 */
async function bytesPerCall(loop: (n: number) => void, gcs: GcCounter): Promise<number> {
  loop(WINDOW_CALLS * 20);
  const perWindow: number[] = [];
  for (let attempts = 0; perWindow.length < WINDOWS && attempts < WINDOWS * 4; attempts++) {
    collectGarbage();
    await settleEntries();
    const gcsBefore = gcs.seen;
    const before = process.memoryUsage().heapUsed;
    loop(WINDOW_CALLS);
    const after = process.memoryUsage().heapUsed;
    await settleEntries();
    if (gcs.seen === gcsBefore) perWindow.push((after - before) / WINDOW_CALLS);
  }
  return median(perWindow);
}

/** Heap left after many spans with one handler: full GCs before and after, `heapUsed` compared. */
async function retainedAfter(label: string, run: () => Promise<void> | void) {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  await run();
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  return [
    label,
    `${(before / 2 ** 20).toFixed(2)} MiB`,
    `${(after / 2 ** 20).toFixed(2)} MiB`,
    `${((after - before) / 1024).toFixed(1)} KiB`,
  ];
}

async function runAsyncSpans(total: number): Promise<void> {
  const batch = 1000;
  for (let done = 0; done < total; done += batch) {
    const pending: Promise<number>[] = [];
    for (let i = done; i < done + batch; i++) {
      pending.push(span(E.spanTrivial, { user_id: i }, () => workAsync(i)));
    }
    for (const value of await Promise.all(pending)) sink ^= value;
  }
}

/** Measures allocation per span and heap retained after a million spans; returns Markdown. */
export async function measureMemory(): Promise<string> {
  attachTrivialHandlers();
  const gcs = new GcCounter();
  const measured: { label: string; bytes: number }[] = [];
  for (const { label, loop } of ALLOCATION_CASES) {
    measured.push({ label, bytes: await bytesPerCall(loop, gcs) });
  }
  gcs.stop();
  const harness = measured[0]!.bytes;
  const allocation = markdownTable(
    ['loop', 'heap growth B/call', 'minus harness B/call'],
    measured.map(({ label, bytes }, n) => [
      label,
      bytes.toFixed(2),
      n === 0 ? '—' : (bytes - harness).toFixed(2),
    ]),
  );
  const retained = markdownTable(
    ['1,000,000 spans, one trivial handler', 'heapUsed before', 'heapUsed after', 'retained'],
    [
      await retainedAfter('sync `span`', () => {
        for (let i = 0; i < RETAINED_SPANS; i++)
          sink ^= span(E.spanTrivial, { user_id: i }, () => work(i));
      }),
      await retainedAfter('async `span` (batches of 1,000 in flight)', () =>
        runAsyncSpans(RETAINED_SPANS),
      ),
    ],
  );
  return `${allocation}\n\n${retained}`;
}

if (process.argv.includes('--child')) {
  await sendToParent(await measureMemory());
}
