import { parseArgs } from 'node:util';
import type { MetadataPolicyMode } from '@sigra/nestjs-telemetry/policy';
import { describeLeak, leakCounts, runFuzz, type FuzzReport } from './fuzz-run.js';

/**
 * `npm run fuzz [-- --seed N --emissions N --mode redact|strict|both]`: seeded emissions of
 * secrets through every path into every sink; exits 1 on any leak or, in strict mode, any
 * metadata secret not refused. A leak prints its seed and case.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 1_000_000_000) },
    emissions: { type: 'string', default: '12000' },
    mode: { type: 'string', default: 'both' },
  },
});
const seed = Number(values.seed);
const emissions = Number(values.emissions);
const modes: MetadataPolicyMode[] =
  values.mode === 'both' ? ['redact', 'strict'] : [values.mode as MetadataPolicyMode];

function print(report: FuzzReport): boolean {
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  console.log(
    `${report.mode}: ${report.emissions} emissions in ${seconds} s (seed ${report.seed}), ${report.leaks.length} leaks`,
  );
  const reached = Object.entries(report.reached).map(([sink, n]) => `${sink} ${n}`);
  console.log(`  emissions that reached each sink: ${reached.join(', ')}`);
  for (const [where, count] of leakCounts(report)) console.log(`  ${where}: ${count}`);
  for (const leak of report.leaks.slice(0, 10)) console.log(`  ${describeLeak(report, leak)}`);
  if (report.mode === 'strict') {
    console.log(
      `  refused ${report.refused} of ${report.refusable} emissions carrying a secret in metadata or measurements`,
    );
  }
  return report.leaks.length === 0 && report.refused === report.refusable;
}

let ok = true;
for (const [i, mode] of modes.entries()) {
  ok = print(await runFuzz(seed + i, emissions, mode)) && ok;
}
process.exitCode = ok ? 0 : 1;
