import { describe, expect, it } from 'vitest';
import { renderEventTable } from '../../lib/catalog/event-table.js';
import { cataloguedEvents, uncataloguedEvents } from '../../lib/catalog/index.js';

const table = renderEventTable();
const rows = table.split('\n').slice(2);
const rowOf = (dotted: string): string | undefined =>
  rows.find((row) => row.startsWith(`| \`${dotted}\` |`));

describe('renderEventTable', () => {
  it('is a Markdown table with one row per event, each event once', () => {
    const all = [...cataloguedEvents(), ...uncataloguedEvents()].map((name) => name.join('.'));
    expect(table.split('\n').slice(0, 2)).toEqual([
      '| event | kind | metadata | logged by default logger | catalogued upstream |',
      '| --- | --- | --- | --- | --- |',
    ]);
    expect(rows).toHaveLength(all.length);
    for (const dotted of all)
      expect(rows.filter((row) => row.includes(`\`${dotted}\``))).toHaveLength(1);
  });

  it('describes kind, metadata, logging level and upstream listing', () => {
    expect(rowOf('sigra.mfa.verify.stop')).toBe(
      '| `sigra.mfa.verify.stop` | span | `user_id`, `method`, `result`, `attempts_remaining` | configured level | yes |',
    );
    expect(rowOf('sigra.mfa.verify.start')).toBe(
      '| `sigra.mfa.verify.start` | span | `user_id`, `method` | no | yes |',
    );
    expect(rowOf('sigra.email.deliver.exception')).toBe(
      '| `sigra.email.deliver.exception` | span | `delivery_method`, `email_type?`, `kind`, `reason`, `stacktrace` | configured level | yes |',
    );
    expect(rowOf('sigra.security.rate_limited')).toBe(
      '| `sigra.security.rate_limited` | signal | `ip`, `key_prefix`, `retry_after` | `warn` | yes |',
    );
    expect(rowOf('sigra.token.expired')).toBe(
      '| `sigra.token.expired` | signal | — | configured level | yes |',
    );
    expect(rowOf('sigra.audit.log')).toBe(
      '| `sigra.audit.log` | signal | `action`, `actor_id`, `outcome`, `id`, `occurred_at` | no | no |',
    );
  });

  it('logs 64 events, 7 of them at warn', () => {
    expect(
      rows.filter((row) => !row.endsWith('| no | yes |') && !row.endsWith('| no | no |')),
    ).toHaveLength(64);
    expect(rows.filter((row) => row.includes('| `warn` |'))).toHaveLength(7);
  });
});
