import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderEventTable } from '../lib/catalog/event-table.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');

/** A block that closes the catalog changes every block compiled with it: it compiles alone. */
const closes = (code: string) => code.includes('interface SigraCatalogConfig');

describe('README.md', () => {
  it('carries the event table generated from the catalog (run `npm run docs:events`)', () => {
    const start = '<!-- event-table:start -->\n';
    const end = '\n<!-- event-table:end -->';
    const table = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end));
    expect(table).toBe(renderEventTable());
  });

  it('has only TypeScript examples that compile against the built package', async () => {
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
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
});

/** Compiles `blocks` as one program, each block a module; returns tsc's diagnostics. */
async function compileBlocks(name: string, blocks: string[]): Promise<string> {
  // Inside the package, so `@sigra/nestjs-telemetry` resolves to the build as it does for users.
  const dir = `${root}.readme-blocks-${name}`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  await Promise.all(blocks.map((code, i) => writeFile(`${dir}/block-${i}.ts`, code)));
  await writeFile(
    `${dir}/tsconfig.json`,
    JSON.stringify({
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '.', noUnusedParameters: false },
      include: ['*.ts'],
      exclude: [],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', dir]).catch(
    (error: { stdout: string }) => error,
  );
  await rm(dir, { recursive: true, force: true });
  return result.stdout;
}
