import { pathToFileURL } from 'node:url';
import { createMetadataPolicy } from '@sigra/nestjs-telemetry/policy';
import { median } from './harness/median.js';

/**
 * One-off: this policy against an earlier build of it, in one process, on the bench's typical
 * metadata. `node dist-bench/policy-versus-main.js <earlier build>/policy/index.js`; see
 * BENCHMARKS.md for how the earlier build is made. Interleaved rounds, median ns/op per round.
 */
type Sanitize = (metadata: Record<string, unknown>) => unknown;

const earlierPath = process.argv[2];
if (earlierPath === undefined) throw new Error('usage: policy-versus-main.js <policy/index.js>');
const earlier = (await import(pathToFileURL(earlierPath).href)) as {
  createMetadataPolicy: () => Sanitize;
};
const candidates: [string, Sanitize][] = [
  ['plain copy (peer)', (metadata) => ({ ...metadata })],
  ['earlier policy', earlier.createMetadataPolicy()],
  ['this policy', createMetadataPolicy() as Sanitize],
];

const ROUNDS = 41;
const CALLS = 200_000;
let sink: unknown;
const samples = new Map<string, number[]>(candidates.map(([name]) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order each round so no candidate always runs first or last.
  for (let k = 0; k < candidates.length; k++) {
    const [name, sanitize] = candidates[(round + k) % candidates.length]!;
    const started = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) {
      sink = sanitize({ user_id: i, method: 'totp', ip: '203.0.113.7' });
    }
    samples.get(name)!.push(Number(process.hrtime.bigint() - started) / CALLS);
  }
}
if (sink === undefined) throw new Error('unreachable');
// The first round warms up; the ratio is taken per round (both ran in it) and its median kept.
const result = new Map([...samples].map(([name, ns]) => [name, median(ns.slice(1))]));
for (const [name, ns] of result) console.log(`${name}: ${ns.toFixed(1)} ns/op`);
const ours = samples.get('this policy')!.slice(1);
const ratios = samples
  .get('earlier policy')!
  .slice(1)
  .map((earlierNs, round) => ours[round]! / earlierNs);
const spread = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
console.log(
  `this ÷ earlier, median of ${ratios.length} rounds: ${median(ratios).toFixed(2)}× (${spread})`,
);
