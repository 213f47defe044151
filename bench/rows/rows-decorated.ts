import { SigraSpan } from '@sigra/nestjs-telemetry';
import type { BenchRow } from '../harness/bench-row.types.js';
import { BENCH_EVENTS as E } from './bench-events.js';
import { row } from '../harness/row.js';
import { work, workAsync } from './workload.js';

const userMetadata = { metadata: (i: number) => ({ user_id: i }) };

/** A service instrumented with `@SigraSpan`, with the same metadata as the other rows. */
export class SigraSpanService {
  @SigraSpan(E.decoratedNone, userMetadata)
  idle(i: number): number {
    return work(i);
  }

  @SigraSpan(E.decoratedNone, userMetadata)
  async idleAsync(i: number): Promise<number> {
    return workAsync(i);
  }

  @SigraSpan(E.decoratedTrivial, userMetadata)
  handled(i: number): number {
    return work(i);
  }

  @SigraSpan(E.decoratedTrivial, userMetadata)
  async handledAsync(i: number): Promise<number> {
    return workAsync(i);
  }
}

/** `@SigraSpan` called directly on a method (no Nest pipeline). */
export function decoratedRows(options: { onlyHandled?: boolean } = {}): BenchRow[] {
  const service = new SigraSpanService();
  const handled = [
    row('decorated-trivial', '`@SigraSpan` method, one trivial handler', 'sync', 'ours', (i) =>
      service.handled(i),
    ),
    row('decorated-trivial', '`@SigraSpan` method, one trivial handler', 'async', 'ours', (i) =>
      service.handledAsync(i),
    ),
  ];
  if (options.onlyHandled === true) return handled;
  return [
    row('decorated-none', '`@SigraSpan` method, nothing attached', 'sync', 'ours', (i) =>
      service.idle(i),
    ),
    row('decorated-none', '`@SigraSpan` method, nothing attached', 'async', 'ours', (i) =>
      service.idleAsync(i),
    ),
    ...handled,
  ];
}
