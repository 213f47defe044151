import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layers of lib/, lowest first: each imports only from itself and the layers before it.
const LAYERS: readonly (readonly string[])[] = [
  ['shared'],
  ['catalog'],
  ['policy'],
  ['core'],
  ['sigra'],
  ['nest', 'metrics'],
  ['prometheus', 'opentelemetry', 'dashboard', 'testing'],
  ['.'],
];
// From another directory, these are the only ways in.
const ENTRIES: Readonly<Record<string, readonly string[]>> = {
  core: ['core/index.ts', 'core/core.internal.ts'],
  policy: ['policy/index.ts'],
};

// Layers that stay apart although one lies below the other: core knows no catalog (its signatures
// are generic; the typed API in lib/sigra adds the catalog's types).
const APART: Readonly<Record<string, readonly string[]>> = { core: ['catalog'] };

const lib = resolve(dirname(fileURLToPath(import.meta.url)), '../../lib');
const PACKAGE = '@sigra/nestjs-telemetry';

function dirOf(file: string): string {
  const parts = file.split('/');
  return parts.length === 1 ? '.' : parts[0]!;
}

function layerOf(dir: string): number {
  const layer = LAYERS.findIndex((dirs) => dirs.includes(dir));
  if (layer === -1) throw new Error(`lib/${dir} is in no layer: add it to LAYERS`);
  return layer;
}

/** Import specifiers of one source file, as the compiler reads them (static, dynamic, type-only). */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

/** What is wrong with `file` (relative to lib/) importing `specifier`, if anything. */
function violation(file: string, specifier: string): string | undefined {
  const from = dirOf(file);
  if (!specifier.startsWith('.')) {
    if (specifier === PACKAGE || specifier.startsWith(`${PACKAGE}/`)) {
      return `${file} imports ${specifier}: lib/ imports its own files by relative path`;
    }
    if (from === 'shared' && !specifier.startsWith('node:')) {
      return `${file} imports ${specifier}: lib/shared uses node built-ins only`;
    }
    return undefined;
  }
  const target = relative(lib, resolve(lib, dirname(file), specifier)).replace(/\.js$/, '.ts');
  const to = dirOf(target);
  if (to === from) return undefined;
  if (layerOf(to) > layerOf(from)) {
    return `${file} imports ${target}: lib/${from} must not depend on lib/${to}, a layer above it`;
  }
  if (APART[from]?.includes(to)) {
    return `${file} imports ${target}: lib/${from} must not depend on lib/${to}`;
  }
  const entries = ENTRIES[to];
  if (entries !== undefined && !entries.includes(target)) {
    return `${file} imports ${target}: reach lib/${to} through ${entries.join(' or ')}`;
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(lib, path)] : [];
  });
}

describe('layers of lib/', () => {
  it('every import goes to the same layer or one below it, through its entry', () => {
    const files = sourceFiles(lib);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) =>
      importsOf(readFileSync(join(lib, file), 'utf8')).flatMap(
        (specifier) => violation(file, specifier) ?? [],
      ),
    );
    expect(found).toEqual([]);
  });

  it('flags an import of a layer above or kept apart, a deep import past an entry, a package in shared', () => {
    expect(violation('core/span.function.ts', '../catalog/index.js')).toMatch(
      /lib\/core must not depend on lib\/catalog/,
    );
    expect(violation('catalog/event-lists.functions.ts', '../core/index.js')).toMatch(
      /lib\/catalog must not depend on lib\/core/,
    );
    expect(violation('policy/metadata-policy.function.ts', '../sigra/index.js')).toMatch(
      /lib\/policy must not depend on lib\/sigra/,
    );
    expect(violation('nest/sigra-span.interceptor.ts', '../core/span.function.js')).toMatch(
      /through core\/index.ts or core\/core.internal.ts/,
    );
    expect(violation('nest/sigra-telemetry.options.ts', '../policy/secret-keys.rules.js')).toMatch(
      /through policy\/index.ts/,
    );
    expect(violation('metrics/sigra-metrics.function.ts', '../prometheus/index.js')).toMatch(
      /lib\/metrics must not depend on lib\/prometheus/,
    );
    expect(violation('nest/sigra-telemetry.module.ts', '../dashboard/index.js')).toMatch(
      /lib\/nest must not depend on lib\/dashboard/,
    );
    expect(
      violation('metrics/sigra-metrics.function.ts', '@sigra/nestjs-telemetry/policy'),
    ).toMatch(/by relative path/);
    expect(violation('shared/value-description.functions.ts', 'rxjs')).toMatch(/node built-ins/);
    expect(violation('nest/sigra-span.interceptor.ts', '../core/core.internal.js')).toBeUndefined();
  });
});
