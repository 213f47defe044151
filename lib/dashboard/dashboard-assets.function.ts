import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A static file of the page. */
export interface DashboardAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

const require = createRequire(import.meta.url);

/** What the page loads, by the name it asks for: uPlot from its package, the rest from ours. */
const SOURCES: Readonly<Record<string, { path: () => string; contentType: string }>> = {
  'uPlot.iife.min.js': {
    path: () => require.resolve('uplot/dist/uPlot.iife.min.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
  'uPlot.min.css': {
    path: () => require.resolve('uplot/dist/uPlot.min.css'),
    contentType: 'text/css; charset=utf-8',
  },
  'dashboard.client.js': {
    path: () => fileURLToPath(new URL('./client/dashboard.client.js', import.meta.url)),
    contentType: 'text/javascript; charset=utf-8',
  },
  'dashboard.css': {
    path: () => fileURLToPath(new URL('./client/dashboard.css', import.meta.url)),
    contentType: 'text/css; charset=utf-8',
  },
};

const loaded = new Map<string, DashboardAsset>();

/** The asset called `name`, read once; `undefined` for any other name. */
export function dashboardAsset(name: string): DashboardAsset | undefined {
  if (!Object.hasOwn(SOURCES, name)) return undefined;
  let asset = loaded.get(name);
  if (asset === undefined) {
    const source = SOURCES[name] as (typeof SOURCES)[string];
    asset = { contentType: source.contentType, body: readFileSync(source.path()) };
    loaded.set(name, asset);
  }
  return asset;
}
