import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

// Both run the built package (`npm run build` first), resolved by its own name and exports map.
describe.each([
  ['a CommonJS app (require)', 'cjs-app.cjs'],
  ['an ESM app (import)', 'esm-app.mjs'],
])('the built package in %s', (_, entry) => {
  it('boots, spans, emits, logs through the app logger and cleans up on close', async () => {
    const { stdout } = await run(process.execPath, [entry], { cwd: here });
    const result = JSON.parse(stdout) as {
      lines: { level: string; message: string; context: string }[];
      handlersAfterClose: number;
    };
    const sigra = result.lines.filter((line) => line.context === 'SigraTelemetry');
    expect(sigra.map((line) => line.level)).toEqual(['log', 'warn']);
    expect(sigra[0]?.message).toMatch(
      /^\[Sigra\] auth\.login\.stop \d+(\.\d{1,3})? ms \{user_id: 7\}$/,
    );
    expect(sigra[1]?.message).toBe(
      '[Sigra] security.lockout {} {user_id: 7, ip: "10.0.0.1", reason: "threshold_reached"}',
    );
    expect(result.handlersAfterClose).toBe(0);
  });
});

// What a user of the package can reach by name: the entries of the exports map, and no internals.
const ENTRY_PROBE = `
  const root = await load('@sigra/nestjs-telemetry');
  const policy = await load('@sigra/nestjs-telemetry/policy');
  const metrics = await load('@sigra/nestjs-telemetry/metrics');
  let internal;
  try { await load('@sigra/nestjs-telemetry/dist/core/core.internal.js'); } catch (error) { internal = error.code; }
  console.log(JSON.stringify({
    root: typeof root.span + typeof root.SigraTelemetryModule + typeof root.createMetadataPolicy,
    policy: typeof policy.createMetadataPolicy + ' ' + policy.REDACTED,
    metrics: typeof metrics.sigraMetrics + typeof metrics.attachMetrics,
    internal,
  }));
`;

describe.each([
  ['require', ['-e', `(async () => { const load = async (id) => require(id); ${ENTRY_PROBE} })()`]],
  ['import', ['--input-type=module', '-e', `const load = (id) => import(id); ${ENTRY_PROBE}`]],
])('the built package through %s', (_, args) => {
  it('offers the root, /policy and /metrics entries and hides core internals', async () => {
    const { stdout } = await run(process.execPath, args, { cwd: here });
    expect(JSON.parse(stdout)).toEqual({
      root: 'functionfunctionundefined',
      policy: 'function [REDACTED]',
      metrics: 'functionfunction',
      internal: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });
});
