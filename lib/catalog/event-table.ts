import { EVENT_RECORDS, type EventRecord, type LoggedAs } from './catalog.records.js';

const LOGGED_LABELS: Record<LoggedAs, string> = {
  level: 'configured level',
  warn: '`warn`',
  no: 'no',
};

function row(record: EventRecord): string {
  const metadata = record.metadata.map((key) => `\`${key}\``).join(', ') || '—';
  const cells = [
    `\`${record.dotted}\``,
    record.kind,
    metadata,
    LOGGED_LABELS[record.logged],
    record.catalogued ? 'yes' : 'no',
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * Renders every event name of the catalog, then every uncatalogued one, as a Markdown table:
 * the event, whether it belongs to a span or is a one-shot signal, the metadata keys it carries
 * (besides `telemetry_span_context`; `?` marks a key that may be absent), the level the default
 * logger logs it at, and whether upstream lists it.
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
