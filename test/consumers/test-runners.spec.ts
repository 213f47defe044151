import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(root, 'test/fixtures/test-runner-app');

/*
 * A user's project that tests its own Nest code with the README's vitest and Jest configs, on
 * the packed tarball (the build, `npm run build` first). Offline: the tarball is unpacked into
 * the project's node_modules, every other dependency is a symlink into this repo's.
 */
let app: string;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sigra-consumer-'));
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', tmp], {
    cwd: root,
  });
  app = join(tmp, 'app');
  await cp(fixture, app, { recursive: true });
  const sigra = join(app, 'node_modules/@sigra/nestjs-telemetry');
  await mkdir(sigra, { recursive: true });
  await run('tar', ['-xzf', join(tmp, stdout.trim()), '-C', sigra, '--strip-components=1']);
  for (const name of await readdir(join(root, 'node_modules'))) {
    if (name !== '@sigra')
      await symlink(join(root, 'node_modules', name), join(app, 'node_modules', name));
  }
}, 60_000);

afterAll(() => rm(tmp, { recursive: true, force: true }));

/** Runs a test runner's entry script in the project; its output, passing or not. */
async function runner(script: string, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [join(root, 'node_modules', script), ...args], {
    cwd: app,
    env: { ...process.env, ...env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
  }).then(
    ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
    (error: { stdout: string; stderr: string }) => ({
      ok: false,
      output: error.stdout + error.stderr,
    }),
  );
}

describe("a user's test suite on the packed package", () => {
  it('passes under vitest with the documented vitest.config.ts', async () => {
    const result = await runner('vitest/vitest.mjs', ['run']);
    expect(result.output).toMatch(/1 passed/);
    expect(result.ok).toBe(true);
  }, 60_000);

  it('needs that config when tsconfig.json leaves decorators out: without it, a SyntaxError', async () => {
    const tsconfig = join(app, 'tsconfig.json');
    const original = await readFile(tsconfig, 'utf8');
    const { compilerOptions, ...rest } = JSON.parse(original) as {
      compilerOptions: Record<string, unknown>;
    };
    const { experimentalDecorators, emitDecoratorMetadata, ...plain } = compilerOptions;
    expect([experimentalDecorators, emitDecoratorMetadata]).toEqual([true, true]);
    await writeFile(tsconfig, JSON.stringify({ ...rest, compilerOptions: plain }));
    await writeFile(
      join(app, 'vitest.bare.config.mjs'),
      "export default { test: { include: ['src/**/*.vitest.test.ts'] } };",
    );
    try {
      const bare = await runner('vitest/vitest.mjs', ['run', '--config', 'vitest.bare.config.mjs']);
      expect(bare.ok).toBe(false);
      expect(bare.output).toContain('SyntaxError: Invalid or unexpected token');
      const documented = await runner('vitest/vitest.mjs', ['run']);
      expect(documented.output).toMatch(/1 passed/);
      expect(documented.ok).toBe(true);
    } finally {
      await writeFile(tsconfig, original);
    }
  }, 60_000);

  it('passes under Jest with ts-jest and the documented jest.config.js', async () => {
    const result = await runner('jest/bin/jest.js', ['--ci'], {
      NODE_OPTIONS: '--experimental-vm-modules',
    });
    expect(result.output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(result.ok).toBe(true);
  }, 60_000);
});
