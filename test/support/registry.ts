import { afterEach, beforeEach } from 'vitest';
import {
  attach,
  detach,
  listHandlers,
  setCoreLogger,
  type CoreLogger,
} from '../../lib/core/index.js';

/** Detaches every handler a test attached, so tests never see each other's handlers. */
export function detachAllAfterEach(): void {
  afterEach(() => {
    for (const attached of listHandlers([])) detach(attached.id);
  });
}

export interface Captured {
  event: string;
  measurements: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Attaches one recording handler per event name and returns what they saw, in order. */
export function record(id: string, eventNames: readonly (readonly string[])[]): Captured[] {
  const seen: Captured[] = [];
  for (const [i, name] of eventNames.entries()) {
    const result = attach(`${id}#${i}`, name, (event, measurements, metadata) => {
      seen.push({
        event: event.join('.'),
        measurements: measurements as Record<string, unknown>,
        metadata: metadata as Record<string, unknown>,
      });
    });
    if (result !== 'ok') throw new Error(`could not attach ${id}: ${result}`);
  }
  return seen;
}

/** The three events of a span prefix. */
export function spanEvents(prefix: readonly string[]): string[][] {
  return ['start', 'stop', 'exception'].map((suffix) => [...prefix, suffix]);
}

/**
 * Routes core reports to an array for each test and puts the previous core logger back after it.
 * Returns the array; each entry holds the arguments of one report.
 */
export function captureCoreReports(): unknown[][] {
  const reports: unknown[][] = [];
  let previous: CoreLogger | undefined;
  beforeEach(() => {
    reports.length = 0;
    previous = setCoreLogger({ error: (...args) => void reports.push(args) });
  });
  afterEach(() => {
    if (previous !== undefined) setCoreLogger(previous);
  });
  return reports;
}
