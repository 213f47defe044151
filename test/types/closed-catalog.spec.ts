import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('SigraCatalogConfig', () => {
  // The augmentation changes the whole program it is in, so the fixture compiles on its own.
  it('closes the catalog by declaration merging', async () => {
    const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
    const { stdout } = await run(
      process.execPath,
      [tsc, '-p', 'test/fixtures/closed-catalog/tsconfig.json'],
      { cwd: root },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    expect(stdout).toBe('');
  }, 60_000);
});
