// Regenerates the generated tables in README.md (events, metrics, alerts) from the build. Run
// `npm run build` first.
import { readFile, writeFile } from 'node:fs/promises';
import { renderEventTable } from '../dist/catalog/event-table.function.js';
import { renderAlertTable } from '../dist/metrics/alert-table.function.js';
import { renderMetricTable } from '../dist/metrics/metric-table.function.js';

const TABLES = [
  ['event-table', renderEventTable],
  ['metric-table', renderMetricTable],
  ['alert-table', renderAlertTable],
];
const readmeUrl = new URL('../README.md', import.meta.url);

const readme = await readFile(readmeUrl, 'utf8');
let updated = readme;
for (const [name, render] of TABLES) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = updated.indexOf(start);
  const to = updated.indexOf(end);
  if (from === -1 || to < from)
    throw new Error(`README.md must contain ${start} followed by ${end}`);
  updated = `${updated.slice(0, from + start.length)}\n${render()}\n${updated.slice(to)}`;
}
if (updated === readme) {
  console.log('README.md tables are up to date');
} else {
  await writeFile(readmeUrl, updated);
  console.log('README.md tables updated');
}
