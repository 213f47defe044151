import type { INestApplicationContext } from '@nestjs/common';
import { ExternalContextCreator } from '@nestjs/core';
import type { BenchRow } from '../harness/bench-row.types.js';
import { PipelineHandlers } from './bench-nest-app.js';
import { row } from '../harness/row.js';

/**
 * Runs handlers through Nest's `ExternalContextCreator`, which applies guards, interceptors,
 * pipes and exception filters exactly as for a route, without a network or an HTTP adapter. The
 * `SigraSpanInterceptor` rows are measured against the same pipeline with a pass-through
 * interceptor, since Nest's interceptor chain costs the same whichever interceptor it runs.
 */
export function pipelineRows(app: INestApplicationContext): BenchRow[] {
  const creator = app.get(ExternalContextCreator);
  const handlers = app.get(PipelineHandlers);
  const pipeline = (method: 'plain' | 'passThrough' | 'idle' | 'handled') =>
    creator.create(handlers, handlers[method] as (...args: unknown[]) => unknown, method);
  const plain = pipeline('plain');
  const passThrough = pipeline('passThrough');
  const idle = pipeline('idle');
  const handled = pipeline('handled');
  const baseline = 'pipeline-pass-async';
  return [
    row(
      'pipeline-plain',
      'Nest pipeline, no interceptor',
      'async',
      'bare',
      (i) => plain(i),
      'pipeline-plain-async',
    ),
    row(
      'pipeline-pass',
      'Nest pipeline + pass-through interceptor',
      'async',
      'bare',
      (i) => passThrough(i),
      'pipeline-plain-async',
    ),
    row(
      'pipeline-none',
      'Nest pipeline + `SigraSpanInterceptor`, nothing attached',
      'async',
      'ours',
      (i) => idle(i),
      baseline,
    ),
    row(
      'pipeline-trivial',
      'Nest pipeline + `SigraSpanInterceptor`, one trivial handler',
      'async',
      'ours',
      (i) => handled(i),
      baseline,
    ),
  ];
}
