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
