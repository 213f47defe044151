// Regenerates dashboards/sigra-auth.json from the built metric set. Run `npm run build` first
// (`npm run dashboards` does both, then formats the file).
import { mkdir, writeFile } from 'node:fs/promises';
import { sigraGrafanaDashboard } from '../dist/metrics/index.js';

const dir = new URL('../dashboards/', import.meta.url);
await mkdir(dir, { recursive: true });
await writeFile(
  new URL('sigra-auth.json', dir),
  `${JSON.stringify(sigraGrafanaDashboard(), null, 2)}\n`,
);
console.log('dashboards/sigra-auth.json written');
