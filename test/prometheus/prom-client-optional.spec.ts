import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Imports `entries` of the built package in a fresh Node, then prints whether prom-client was loaded. */
const PROBE = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const loaded = () => Object.keys(require.cache).some((path) => path.includes('/prom-client/'));
const result = {};
for (const entry of JSON.parse(process.argv[1])) {
  try {
    await import(entry);
    result[entry] = { promClientLoaded: loaded() };
  } catch (error) {
    result[entry] = { error: error.name + ': ' + error.message };
  }
}
console.log(JSON.stringify(result));
`;

async function probe(
  cwd: string,
  entries: string[],
): Promise<Record<string, { promClientLoaded?: boolean; error?: string }>> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', PROBE, JSON.stringify(entries)],
    { cwd },
  );
  return JSON.parse(stdout) as Record<string, { promClientLoaded?: boolean; error?: string }>;
}

// Runs the built package (`npm run build` first), resolved by its name and exports map.
describe('prom-client is an optional peer', () => {
  it('the root entry does not load prom-client; the /prometheus entry does', async () => {
    const result = await probe(root, [
      '@sigra/nestjs-telemetry',
      '@sigra/nestjs-telemetry/prometheus',
    ]);
    expect(result).toEqual({
      '@sigra/nestjs-telemetry': { promClientLoaded: false },
      '@sigra/nestjs-telemetry/prometheus': { promClientLoaded: true },
    });
  });

  describe('in an app without prom-client installed', () => {
    let app: string;
    beforeAll(async () => {
      // The app's node_modules: every installed package but prom-client, and a copy of ours.
      app = await mkdtemp(join(tmpdir(), 'sigra-no-prom-client-'));
      const modules = join(app, 'node_modules');
      await mkdir(join(modules, '@sigra', 'nestjs-telemetry'), { recursive: true });
      for (const name of await readdir(join(root, 'node_modules'))) {
        if (name !== 'prom-client' && name !== '.bin') {
          await symlink(join(root, 'node_modules', name), join(modules, name));
        }
      }
      const ours = join(modules, '@sigra', 'nestjs-telemetry');
      await cp(join(root, 'package.json'), join(ours, 'package.json'));
      await cp(join(root, 'dist'), join(ours, 'dist'), { recursive: true });
    });
    afterAll(async () => {
      await rm(app, { recursive: true, force: true });
    });

    it('the root entry works and the /prometheus entry says what to install', async () => {
      const result = await probe(app, [
        '@sigra/nestjs-telemetry',
        '@sigra/nestjs-telemetry/prometheus',
      ]);
      expect(result['@sigra/nestjs-telemetry']).toEqual({ promClientLoaded: false });
      expect(result['@sigra/nestjs-telemetry/prometheus']?.error).toBe(
        'PromClientMissingError: @sigra/nestjs-telemetry/prometheus needs the optional peer dependency prom-client (^15): run `npm install prom-client`. The root entry works without it.',
      );
    });
  });
});
