import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const probe = (m: string) =>
  `console.log(JSON.stringify([typeof ${m}.attachOpenTelemetry, typeof ${m}.SigraOpenTelemetryModule]))`;

// The built package (`npm run build` first), resolved by its own name and exports map.
describe('the @sigra/nestjs-telemetry/opentelemetry entry', () => {
  it('loads with import', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import * as m from '@sigra/nestjs-telemetry/opentelemetry'; ${probe('m')}`,
      ],
      { cwd: root },
    );
    expect(JSON.parse(stdout)).toEqual(['function', 'function']);
  });

  it('loads with require (require(esm))', async () => {
    const { stdout } = await run(
      process.execPath,
      ['-e', `const m = require('@sigra/nestjs-telemetry/opentelemetry'); ${probe('m')}`],
      { cwd: root },
    );
    expect(JSON.parse(stdout)).toEqual(['function', 'function']);
  });
});
