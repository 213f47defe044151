import { execFile } from 'node:child_process';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const nest = createRequire(import.meta.url).resolve('@nestjs/cli/bin/nest.js');
// Its own output directory: other tests build the sample app into dist-sample at the same time.
const dir = `${root}.nest-build-test`;

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the Nest CLI', () => {
  it('nest-cli.json points at the sample app', async () => {
    const config = JSON.parse(await readFile(`${root}nest-cli.json`, 'utf8')) as {
      sourceRoot: string;
      entryFile: string;
      compilerOptions: { tsConfigPath: string };
    };
    expect(config).toMatchObject({
      sourceRoot: 'sample-app/src',
      entryFile: 'main',
      compilerOptions: { tsConfigPath: 'sample-app/tsconfig.json' },
    });
    await access(`${root}${config.sourceRoot}/${config.entryFile}.ts`);
  });

  it('nest build compiles the sample app, and the output loads', async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    await writeFile(
      `${dir}/tsconfig.json`,
      JSON.stringify({
        extends: '../sample-app/tsconfig.json',
        compilerOptions: { rootDir: '../sample-app/src', outDir: 'out' },
        include: ['../sample-app/src'],
      }),
    );
    const { stdout, stderr } = await run(
      process.execPath,
      [nest, 'build', '--path', '.nest-build-test/tsconfig.json'],
      { cwd: root },
    );
    expect(`${stdout}${stderr}`).not.toMatch(/error/i);
    await access(`${dir}/out/main.js`);
    const { stdout: loaded } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { AppModule } = await import(${JSON.stringify(`${dir}/out/app.module.js`)});
         console.log(typeof AppModule, AppModule.name);`,
      ],
      { cwd: root },
    );
    expect(loaded.trim()).toBe('function AppModule');
  }, 120_000);
});
