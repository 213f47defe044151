import { convertTime } from '@sigra/nestjs-telemetry';
import type { CapturedEvent } from '@sigra/nestjs-telemetry/testing';

/** `duration` in milliseconds, for span stop and exception events. */
function durationMs(event: CapturedEvent): number | undefined {
  const duration = (event.measurements as { duration?: unknown }).duration;
  return typeof duration === 'number' ? convertTime(duration, 'native', 'millisecond') : undefined;
}

/** Keys every span event carries, left out of the stream to keep each line to what is specific. */
const SPAN_KEYS = new Set([
  'telemetry_span_context',
  'stacktrace',
  'duration',
  'monotonic_time',
  'system_time',
]);

/** `key=value` pairs, without the span bookkeeping and with errors summarised. */
function describeFields(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .filter(([key]) => !SPAN_KEYS.has(key))
    .map(([key, value]) => {
      const shown = value instanceof Error ? `${value.name}(${value.message})` : value;
      return `${key}=${JSON.stringify(shown)}`;
    })
    .join(' ');
}

/** One line of the telemetry stream: `auth.login.stop  47.10 ms  user_id=1`. */
export function describeEvent(event: CapturedEvent): string {
  const ms = durationMs(event);
  const timing = ms === undefined ? '' : `${ms.toFixed(2)} ms`;
  const name = event.name.replace(/^sigra\./, '');
  const fields = describeFields({ ...event.measurements, ...event.metadata });
  return `    ${name.padEnd(32)} ${timing.padStart(10)}  ${fields}`.trimEnd();
}

/** The `p`-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * A Markdown table of the events by name, in order of first appearance: how many, and the
 * p50/p95 duration of the events that have one (span stops and exceptions).
 */
export function summaryTable(events: readonly CapturedEvent[]): string[] {
  const byName = new Map<string, { count: number; durations: number[] }>();
  for (const event of events) {
    const entry = byName.get(event.name) ?? { count: 0, durations: [] };
    entry.count++;
    const ms = durationMs(event);
    if (ms !== undefined) entry.durations.push(ms);
    byName.set(event.name, entry);
  }
  const rows = [...byName].map(([name, { count, durations }]) => {
    const at = (p: number) => (durations.length === 0 ? '' : percentile(durations, p).toFixed(2));
    return [name, String(count), at(50), at(95)];
  });
  const header = ['event', 'count', 'p50 ms', 'p95 ms'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (i === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)];
}
