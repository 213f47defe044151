import { describe, expect, it } from 'vitest';
import { renderEventTable } from '../../lib/catalog/event-table.function.js';
import { cataloguedEvents, uncataloguedEvents } from '../../lib/catalog/index.js';

const table = renderEventTable();
const rows = table.split('\n').slice(2);
const rowOf = (dotted: string): string | undefined =>
  rows.find((row) => row.startsWith(`| \`${dotted}\` |`));

/** The "logged by default logger" cell of a row. */
const levelOf = (row: string) => row.split(' | ')[3]!;

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
      "| `sigra.mfa.verify.stop` | span | `user_id`, `method`, `result`, `attempts_remaining` | configured level; `warn` when `result: 'failure'` | yes |",
    );
    expect(rowOf('sigra.mfa.verify.start')).toBe(
      '| `sigra.mfa.verify.start` | span | `user_id`, `method` | no | yes |',
    );
    expect(rowOf('sigra.email.deliver.exception')).toBe(
      '| `sigra.email.deliver.exception` | span | `delivery_method`, `email_type?`, `kind`, `reason`, `stacktrace` | `error` | yes |',
    );
    expect(rowOf('sigra.security.rate_limited')).toBe(
      '| `sigra.security.rate_limited` | signal | `ip`, `key_prefix`, `retry_after` | `warn` | yes |',
    );
    expect(rowOf('sigra.token.expired')).toBe(
      '| `sigra.token.expired` | signal | — | configured level | yes |',
    );
    expect(rowOf('sigra.auth.login.exception')).toBe(
      '| `sigra.auth.login.exception` | span | `kind`, `reason`, `stacktrace` | `error` | yes |',
    );
    expect(rowOf('sigra.passkeys.register.stop')).toBe(
      "| `sigra.passkeys.register.stop` | span | `user_id` | only `warn` when `result: 'failure'` | no |",
    );
    expect(rowOf('sigra.audit.log')).toBe(
      '| `sigra.audit.log` | signal | `action`, `actor_id`, `outcome`, `id`, `occurred_at` | no | no |',
    );
  });

  it("logs upstream's 64 events, 7 of them at warn, plus every span's failures and exceptions", () => {
    const logged = rows.filter((row) => levelOf(row) !== 'no');
    // Upstream's 64, plus the 2 span stops and 24 span exceptions they leave out.
    expect(logged).toHaveLength(90);
    expect(rows.filter((row) => levelOf(row) === '`warn`')).toHaveLength(7);
    expect(rows.filter((row) => levelOf(row) === '`error`')).toHaveLength(29);
    const always = logged.filter(
      (row) => !levelOf(row).startsWith('only') && levelOf(row) !== '`error`',
    );
    expect(always.length + 5).toBe(64); // upstream's 64 include 5 exceptions, now at error
  });
});
