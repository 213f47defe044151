import { EVENT_RECORDS, type EventRecord, type LoggedAs } from './event-records.data.js';

const LOGGED_LABELS: Record<LoggedAs, string> = {
  level: 'configured level',
  warn: '`warn`',
  no: 'no',
};

/**
 * Beyond upstream's list, the default logger logs every span exception at `error` and every span
 * stop with `result: 'failure'` at `warn` (options `exceptions` and `failures`).
 */
function loggedLabel(record: EventRecord): string {
  const phase = record.kind === 'span' ? record.name.at(-1) : undefined;
  if (phase === 'exception') return '`error`';
  if (phase !== 'stop') return LOGGED_LABELS[record.logged];
  const failure = "`warn` when `result: 'failure'`";
  return record.logged === 'no' ? `only ${failure}` : `${LOGGED_LABELS[record.logged]}; ${failure}`;
}

function row(record: EventRecord): string {
  const metadata = record.metadata.map((key) => `\`${key}\``).join(', ') || '—';
  const cells = [
    `\`${record.dotted}\``,
    record.kind,
    metadata,
    loggedLabel(record),
    record.catalogued ? 'yes' : 'no',
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * Renders every event name of the catalog, then every uncatalogued one, as a Markdown table:
 * the event, whether it belongs to a span or is a one-shot signal, the metadata keys it carries
 * (besides `telemetry_span_context`; `?` marks a key that may be absent), the level the default
 * logger logs it at (by default: upstream's 64 events, plus failed operations), and whether
 * upstream lists it.
 *
 * @example
 * renderEventTable().split('\n')[0]; // '| event | kind | metadata | logged by default logger | catalogued upstream |'
 */
export function renderEventTable(): string {
  return [
    '| event | kind | metadata | logged by default logger | catalogued upstream |',
    '| --- | --- | --- | --- | --- |',
    ...EVENT_RECORDS.map(row),
  ].join('\n');
}
