// Regenerates the event table in README.md from the built catalog. Run `npm run build` first.
import { readFile, writeFile } from 'node:fs/promises';
import { renderEventTable } from '../dist/catalog/event-table.js';

const START = '<!-- event-table:start -->';
const END = '<!-- event-table:end -->';
const readmeUrl = new URL('../README.md', import.meta.url);

const readme = await readFile(readmeUrl, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start === -1 || end < start) {
  throw new Error(`README.md must contain ${START} followed by ${END}`);
}

const updated = `${readme.slice(0, start + START.length)}\n${renderEventTable()}\n${readme.slice(end)}`;
if (updated === readme) {
  console.log('README.md event table is up to date');
} else {
  await writeFile(readmeUrl, updated);
  console.log('README.md event table updated');
}
