import 'reflect-metadata';
import { subscribe, tracingChannel, unsubscribe } from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import type { AddressInfo } from 'node:net';
import {
  ConsoleLogger,
  Controller,
  Get,
  Injectable,
  UseInterceptors,
  type INestApplication,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  attach,
  attachMany,
  detach,
  diagnosticsChannelName,
  execute,
  HANDLER_FAILURE_EVENT,
  SigraSpan,
  SigraSpanInterceptor,
  SigraTelemetryModule,
  span,
  type EventName,
  type Metadata,
} from '@sigra/nestjs-telemetry';
import { MetadataPolicyError, type MetadataPolicyMode } from '@sigra/nestjs-telemetry/policy';
import { type MetricDefinition } from '@sigra/nestjs-telemetry/metrics';
import { fuzzCases, type FuzzCase } from './fuzz-cases.js';
import {
  attachFuzzExporters,
  EXPORTER_SINKS,
  fuzzDashboard,
  fuzzMetrics,
  type FuzzExporters,
} from './fuzz-exporters.js';

const SIGNAL: EventName = ['fuzz', 'signal'];
const SPAN = ['fuzz', 'span'] as const;
const DECORATED = ['fuzz', 'decorated'] as const;
const INTERCEPTED = ['fuzz', 'intercepted'] as const;
const FAILING: EventName = ['fuzz', 'failing'];
const phases = (prefix: readonly string[]) =>
  ['start', 'stop', 'exception'].map((phase) => [...prefix, phase]);
const EMITTED: EventName[] = [
  SIGNAL,
  ...phases(SPAN),
  ...phases(DECORATED),
  ...phases(INTERCEPTED),
  FAILING,
];

/** Where an emission's bytes can go. */
export const SINKS = [
  'handler',
  'failure-event',
  'default-logger',
  'core-report',
  'diagnostics-channel',
  ...EXPORTER_SINKS,
] as const;
export type Sink = (typeof SINKS)[number];

/** One secret found in one sink. */
export interface Leak {
  readonly sink: Sink;
  readonly fuzzCase: FuzzCase;
}

export interface FuzzReport {
  readonly seed: number;
  readonly mode: MetadataPolicyMode;
  readonly emissions: number;
  readonly leaks: readonly Leak[];
  /** Strict mode: emissions carrying a secret in their metadata that were refused, of all such. */
  readonly refused: number;
  readonly refusable: number;
  /** Per sink, how many emissions put anything in it: a sink that receives nothing proves nothing. */
  readonly reached: Readonly<Record<Sink, number>>;
  readonly elapsedMs: number;
}

class Profile {
  constructor(readonly note: string) {}
}

/** The thrown value of a case: a message that quotes the secret, or an error field holding it. */
function thrownWith(fuzzCase: FuzzCase): Error {
  const { secret, placement, kind, keyName } = fuzzCase;
  if (placement === 'error-field') {
    const config = { url: '/login', headers: { Authorization: secret } };
    return Object.assign(new Error('request failed'), { config });
  }
  // Free text is read by patterns only: a bare one-time code or a plain word needs its label.
  if (kind === 'plain-under-secret-key') return new Error(`rejected ${keyName}=${secret}`);
  if (kind === 'one-time-code') return new Error(`verification failed: code=${secret}`);
  return new Error(`operation failed for ${secret}`);
}

/** The metadata (or measurements) of a case, with the secret at its placement. */
function carrier(fuzzCase: FuzzCase): Metadata {
  const { secret, placement, depth, keyName } = fuzzCase;
  switch (placement) {
    case 'neutral-key':
      return { note: secret };
    case 'secret-key':
      return { [keyName]: secret };
    case 'nested': {
      let value: unknown = { note: secret };
      for (let i = 0; i < depth; i++) value = { level: value };
      return { data: value };
    }
    case 'array':
      return { items: ['ok', [secret]] };
    case 'map-value':
      return { headers: new Map([['x-request', secret]]) };
    case 'set-member':
      return { tags: new Set(['a', secret]) };
    case 'as-key':
      return { attempts: { [secret]: 3 } };
    case 'as-top-level-key':
      // Where exporters turn keys into names: span attributes, the dashboard feed's keys.
      return { [secret]: 1 };
    case 'error-message':
    case 'error-field':
      return { error: thrownWith(fuzzCase) };
    case 'two-faced-getter': {
      let reads = 0;
      return {
        get note() {
          return reads++ === 0 ? 'fine' : secret;
        },
      };
    }
    case 'class-instance':
      return { profile: new Profile(secret) };
  }
}

@Injectable()
class FuzzService {
  @SigraSpan(DECORATED, { metadata: (metadata: Metadata) => metadata })
  withMetadata(_metadata: Metadata): number {
    return 1;
  }

  @SigraSpan(DECORATED, { stopMetadata: (result: Metadata) => result })
  withStop(metadata: Metadata): Metadata {
    return metadata;
  }

  @SigraSpan(DECORATED)
  throwing(error: Error): never {
    throw error;
  }
}

/** The case an HTTP request through the interceptor is about (one request at a time). */
let requestCase: FuzzCase | undefined;

@Controller('fuzz')
@UseInterceptors(SigraSpanInterceptor)
class FuzzController {
  @Get('context')
  @SigraSpan(INTERCEPTED, {
    // As the README's example does: the route, plus what the application adds.
    contextMetadata: (context) =>
      Object.assign(carrier(requestCase!), {
        route: context.switchToHttp().getRequest<{ url: string }>().url,
      }),
  })
  context(): { ok: boolean } {
    return { ok: true };
  }
}

/** Runs one case; true when the core refused it with a `MetadataPolicyError`. */
async function emit(
  fuzzCase: FuzzCase,
  service: FuzzService,
  origin: string,
  exporters: FuzzExporters,
): Promise<boolean> {
  try {
    switch (fuzzCase.path) {
      case 'interceptor-context':
        requestCase = fuzzCase;
        await (await fetch(`${origin}/fuzz/context?case=${fuzzCase.index}`)).arrayBuffer();
        break;
      case 'execute-metadata':
        execute(SIGNAL, { count: 1 }, carrier(fuzzCase));
        break;
      case 'execute-measurements':
        execute(SIGNAL, carrier(fuzzCase), { user_id: 1 });
        break;
      case 'span-start':
        span(SPAN, carrier(fuzzCase), () => 1);
        break;
      case 'span-stop':
        span(SPAN, { user_id: 1 }, () => 1, { stopMetadata: () => carrier(fuzzCase) });
        break;
      case 'span-exception':
        span(SPAN, { user_id: 1 }, () => {
          throw thrownWith(fuzzCase);
        });
        break;
      case 'span-callback-failure':
        span(SPAN, { user_id: 1 }, () => 1, {
          stopMetadata: () => {
            throw thrownWith(fuzzCase);
          },
        });
        break;
      case 'decorated-metadata':
        service.withMetadata(carrier(fuzzCase));
        break;
      case 'decorated-stop':
        service.withStop(carrier(fuzzCase));
        break;
      case 'decorated-throw':
        service.throwing(thrownWith(fuzzCase));
        break;
      case 'handler-failure':
        attach('fuzz-failing', FAILING, () => {
          throw thrownWith(fuzzCase);
        });
        execute(FAILING, {}, {});
        detach('fuzz-failing');
        break;
      case 'metric-callback-failure':
        exporters.failMetric(FAILING, () => thrownWith(fuzzCase));
        break;
    }
  } catch (error) {
    return error instanceof MetadataPolicyError;
  }
  return false;
}

/**
 * Paths that throw a refusal at the caller: strict mode must refuse them. Not thrown values
 * (redacted and reported instead), not the interceptor (a refusal becomes the request's error
 * response), not a getter that answered clean when it was read.
 */
const REFUSING = new Set([
  'execute-metadata',
  'execute-measurements',
  'span-start',
  'span-stop',
  'decorated-metadata',
  'decorated-stop',
]);

function isRefusable(fuzzCase: FuzzCase): boolean {
  return REFUSING.has(fuzzCase.path) && fuzzCase.placement !== 'two-faced-getter';
}

const render = (value: unknown) =>
  inspect(value, {
    depth: Infinity,
    showHidden: true,
    getters: true,
    maxArrayLength: Infinity,
    maxStringLength: Infinity,
    breakLength: Infinity,
  });

/** What each sink received during one emission. */
type Captured = Record<Sink, string[]>;

function emptyCapture(): Captured {
  return Object.fromEntries(SINKS.map((sink) => [sink, []])) as unknown as Captured;
}

/**
 * Boots a real Nest app whose `ConsoleLogger` (text or JSON) writes the default logger's lines
 * and the core reports; captures what reaches stdout (log lines) and stderr (core reports).
 */
async function bootApp(mode: MetadataPolicyMode, encode: 'text' | 'json') {
  const events = [...EMITTED, HANDLER_FAILURE_EVENT];
  const metrics = fuzzMetrics(events);
  const moduleRef = await Test.createTestingModule({
    imports: [
      SigraTelemetryModule.forRoot({
        metadataPolicy: { mode },
        logger: { encode, events },
      }),
      fuzzDashboard(metrics, events),
    ],
    providers: [FuzzService],
    controllers: [FuzzController],
  }).compile();
  const app = moduleRef.createNestApplication({
    logger: new ConsoleLogger({ json: encode === 'json', colors: false }),
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, origin: `http://127.0.0.1:${port}`, metrics };
}

async function runBatch(
  app: INestApplication,
  origin: string,
  metrics: readonly MetricDefinition[],
  cases: readonly FuzzCase[],
  onCase: (fuzzCase: FuzzCase, captured: Captured, refused: boolean) => void,
): Promise<void> {
  const service = app.get(FuzzService);
  let captured = emptyCapture();
  attachMany('fuzz-handler', EMITTED, (_event, measurements, metadata) => {
    captured.handler.push(render({ measurements, metadata }));
  });
  attach('fuzz-failures', HANDLER_FAILURE_EVENT, (_event, measurements, metadata) => {
    captured['failure-event'].push(render({ measurements, metadata }));
  });
  // The exporters' door: span TracingChannels and signal channels, as an APM agent subscribes.
  const publish = (message: unknown) => captured['diagnostics-channel'].push(render(message));
  const spanHandlers = {
    start: publish,
    end: publish,
    asyncStart: publish,
    asyncEnd: publish,
    error: publish,
  };
  const spanChannels = [SPAN, DECORATED, INTERCEPTED].map((prefix) =>
    tracingChannel(diagnosticsChannelName(prefix)),
  );
  const signalNames = [SIGNAL, FAILING].map(diagnosticsChannelName);
  for (const spanChannel of spanChannels) spanChannel.subscribe(spanHandlers);
  for (const name of signalNames) subscribe(name, publish);
  const exporters = attachFuzzExporters(app, metrics);
  const stdout = process.stdout.write;
  const stderr = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    captured['default-logger'].push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    captured['core-report'].push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    for (const fuzzCase of cases) {
      captured = emptyCapture();
      exporters.reset();
      const refused = await emit(fuzzCase, service, origin, exporters);
      Object.assign(captured, await exporters.collect());
      onCase(fuzzCase, captured, refused);
    }
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    detach('fuzz-handler');
    detach('fuzz-failures');
    await exporters.stop();
    for (const spanChannel of spanChannels) spanChannel.unsubscribe(spanHandlers);
    for (const name of signalNames) unsubscribe(name, publish);
  }
}

/**
 * Whether a sink's text holds the secret. A secret of digits alone (a one-time code) counts only
 * as a number of its own: inside a longer number (a timestamp, a duration) it is not the code.
 */
function holdsSecret(text: string, secret: string): boolean {
  if (!/^\d+$/.test(secret)) return text.includes(secret);
  return new RegExp(`(?<!\\d)${secret}(?!\\d)`).test(text);
}

/**
 * One fuzz run: `emissions` seeded cases, half through an app logging text lines and half
 * through one logging JSON, each checked in every sink for its secret.
 */
export async function runFuzz(
  seed: number,
  emissions: number,
  mode: MetadataPolicyMode,
): Promise<FuzzReport> {
  const started = performance.now();
  const cases = fuzzCases(seed, emissions);
  const leaks: Leak[] = [];
  let refused = 0;
  let refusable = 0;
  const reached = Object.fromEntries(SINKS.map((sink) => [sink, 0])) as Record<Sink, number>;
  const half = Math.ceil(cases.length / 2);
  for (const [encode, batch] of [
    ['text', cases.slice(0, half)],
    ['json', cases.slice(half)],
  ] as const) {
    const { app, origin, metrics } = await bootApp(mode, encode);
    try {
      await runBatch(app, origin, metrics, batch, (fuzzCase, captured, wasRefused) => {
        for (const sink of SINKS) {
          if (captured[sink].length > 0) reached[sink]++;
          if (captured[sink].some((text) => holdsSecret(text, fuzzCase.secret))) {
            leaks.push({ sink, fuzzCase });
          }
        }
        if (mode === 'strict' && isRefusable(fuzzCase)) {
          refusable++;
          if (wasRefused) refused++;
        }
      });
    } finally {
      await app.close();
    }
  }
  return {
    seed,
    mode,
    emissions: cases.length,
    leaks,
    refused,
    refusable,
    reached,
    elapsedMs: performance.now() - started,
  };
}

/** Leaks counted per sink and kind of secret, for the report table. */
export function leakCounts(report: FuzzReport): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { sink, fuzzCase } of report.leaks) {
    const key = `${sink} × ${fuzzCase.kind}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** A leak as a person reproduces it: the seed, the case index and the case itself. */
export function describeLeak(report: FuzzReport, leak: Leak): string {
  const { fuzzCase } = leak;
  return `seed ${report.seed}, case ${fuzzCase.index} (${report.mode}): ${fuzzCase.path} / ${fuzzCase.placement} / ${fuzzCase.kind}${fuzzCase.placement === 'secret-key' ? ` under ${JSON.stringify(fuzzCase.keyName)}` : ''} → ${leak.sink}: ${JSON.stringify(fuzzCase.secret)}`;
}
