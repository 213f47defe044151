import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { renderEventTable } from '../lib/catalog/event-table.function.js';
import { renderAlertTable } from '../lib/metrics/alert-table.function.js';
import { renderMetricTable } from '../lib/metrics/metric-table.function.js';
import { closeAppsAfterEach } from './support/nest.js';

const { track } = closeAppsAfterEach();
const root = fileURLToPath(new URL('..', import.meta.url));
const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

/** A block that closes the catalog changes every block compiled with it: it compiles alone. */
const closes = (code: string) => code.includes('interface SigraCatalogConfig');

// Inside the package, so `@sigra/nestjs-telemetry` resolves to the build as it does for users.
const dirOf = (name: string) => `${root}.readme-blocks-${name}`;
afterAll(() =>
  Promise.all(['open', 'closed'].map((name) => rm(dirOf(name), { recursive: true, force: true }))),
);

/** Compiles `code` as one program, each block a module, into `<dir>/out`; returns tsc's output. */
async function compileBlocks(name: string, code: string[]): Promise<string> {
  const dir = dirOf(name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  await Promise.all(code.map((text, i) => writeFile(`${dir}/block-${i}.ts`, text)));
  await writeFile(
    `${dir}/tsconfig.json`,
    JSON.stringify({
      extends: '../tsconfig.json',
      compilerOptions: {
        rootDir: '.',
        outDir: 'out',
        noEmit: false,
        declaration: false,
        sourceMap: false,
        noUnusedParameters: false,
      },
      include: ['*.ts'],
      exclude: [],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', dir]).catch(
    (error: { stdout: string }) => error,
  );
  return result.stdout;
}

let compiled: Promise<string[]> | undefined;
/** Compiles the blocks once: those that close the catalog apart from the others. */
function compileAll(): Promise<string[]> {
  compiled ??= Promise.all([
    compileBlocks(
      'open',
      blocks.filter((code) => !closes(code)),
    ),
    compileBlocks('closed', blocks.filter(closes)),
  ]);
  return compiled;
}

/** The export `name` of the compiled open blocks. */
async function exported<T>(name: string): Promise<T> {
  await compileAll();
  const index = blocks
    .filter((code) => !closes(code))
    .findIndex((code) => code.includes(`export class ${name} `));
  expect(index, `a README block exports ${name}`).toBeGreaterThanOrEqual(0);
  const module = (await import(`${dirOf('open')}/out/block-${index}.js`)) as Record<string, T>;
  return module[name]!;
}

/** The generated block between `<!-- name:start -->` and `<!-- name:end -->`. */
function generated(name: string): string {
  const start = `<!-- ${name}:start -->\n`;
  const end = `\n<!-- ${name}:end -->`;
  return readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end));
}

describe('README.md', () => {
  it('carries the event table generated from the catalog (run `npm run docs:events`)', () => {
    expect(generated('event-table')).toBe(renderEventTable());
  });

  it('carries the metric table generated from sigraMetrics() (run `npm run docs:events`)', () => {
    expect(generated('metric-table')).toBe(renderMetricTable());
  });

  it('carries the alert table generated from sigraAlertRules() (run `npm run docs:events`)', () => {
    expect(generated('alert-table')).toBe(renderAlertTable());
  });

  it('has only TypeScript examples that compile against the built package', async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(blocks.filter(closes)).toHaveLength(1);
    const outputs = await Promise.all([
      compileBlocks(
        'open',
        blocks.filter((code) => !closes(code)),
      ),
      compileBlocks('closed', blocks.filter(closes)),
    ]);
    expect(outputs).toEqual(['', '']);
  }, 60_000);

  it('shows the test-runner configs that test/consumers/test-runners.spec.ts runs', async () => {
    for (const file of ['vitest.config.ts', 'jest.config.js']) {
      const config = await readFile(
        new URL(`fixtures/test-runner-app/${file}`, import.meta.url),
        'utf8',
      );
      const lines = config
        .split('\n')
        .filter(
          (line) => !/^\s*(include|testMatch):|^\s*test: \{|^\s*\},?$|^\/\/ Run with/.test(line),
        );
      for (const line of lines) expect(readme).toContain(line);
    }
  });

  it("prints what it says: the handler example measures the controller example's logins", async () => {
    const { SigraTelemetryModule } = await import('@sigra/nestjs-telemetry');
    const AuthController = await exported<new () => object>('AuthController');
    const SecuritySignals = await exported<new () => object>('SecuritySignals');
    const moduleRef = await Test.createTestingModule({
      imports: [SigraTelemetryModule.forRoot({ logger: false })],
      controllers: [AuthController],
      providers: [SecuritySignals],
    }).compile();
    const app = track(moduleRef.createNestApplication({ logger: false }));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await app.init();
    const login = (username: string, password: string) =>
      request(app.getHttpServer()).post('/auth/login').send({ username, password });
    await login('alice', 'correct horse').expect(200, { user_id: 7 });
    await login('alice', 'wrong').expect(401);
    expect(log.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringMatching(/^login of user 7 took \d+\.\d ms$/),
      expect.stringMatching(/^login refused \(401\) after \d+\.\d ms$/),
    ]);
  }, 60_000);
});
