import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderEventTable } from '../lib/catalog/event-table.js';
import { renderAlertTable } from '../lib/metrics/alert-table.js';
import { renderMetricTable } from '../lib/metrics/metric-table.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');

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
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    // Inside the package, so `@sigra/nestjs-telemetry` resolves to the build as it does for users.
    const dir = `${root}.readme-blocks`;
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    await Promise.all(blocks.map((code, i) => writeFile(`${dir}/block-${i}.ts`, code)));
    await writeFile(
      `${dir}/tsconfig.json`,
      JSON.stringify({
        extends: '../tsconfig.json',
        compilerOptions: { noEmit: true, rootDir: '.', noUnusedParameters: false },
        include: ['*.ts'],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', dir]).catch(
      (error: { stdout: string }) => error,
    );
    await rm(dir, { recursive: true, force: true });
    expect(result.stdout).toBe('');
  }, 60_000);
});
