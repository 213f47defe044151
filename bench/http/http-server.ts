import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { detach, listHandlers, SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { attachOpenTelemetry } from '@sigra/nestjs-telemetry/opentelemetry';
import { SigraPrometheusService } from '@sigra/nestjs-telemetry/prometheus';
import { registerOtelSdk } from '../rows/otel-sdk.js';
import type { ServerReady, SetTelemetry, TelemetryState } from './http-protocol.js';
import { createApiToken, importSample, listenSampleApp } from './sample-app-server.js';

/** The traced route: a guard that verifies an API token inside `@SigraSpan(api_token.verify)`. */
const ROUTE = '/api-tokens/whoami';

/** The OpenTelemetry SDK and the bridge on it, present only in the states that use them. */
interface OpenTelemetryState {
  provider: NodeTracerProvider | undefined;
  stopBridge: () => void;
  /** The tracer of the `hand` state's hand-written span, set only in that state. */
  handTracer: Tracer | undefined;
}

/** The sample app's token check, `ApiTokensService.verify`. */
interface TokenCheck {
  verify(token: string): { readonly userId: number } | undefined;
}

/**
 * Wraps the token check the bridge traces (`ApiTokensService.verify`, a `@SigraSpan` that is idle
 * in the `hand` state) in a hand-written `tracer.startActiveSpan` when `otel.handTracer` is set,
 * with the attributes the bridge gives that span. Installed once, on the instance: in the other
 * states it only adds a check and a call.
 */
function wrapTokenCheck(service: TokenCheck, otel: OpenTelemetryState): void {
  const verify = service.verify;
  service.verify = function (this: TokenCheck, token: string) {
    const tracer = otel.handTracer;
    if (tracer === undefined) return verify.call(this, token);
    return tracer.startActiveSpan('sigra.api_token.verify', (span) => {
      try {
        const record = verify.call(this, token);
        if (record === undefined) span.setAttribute('sigra.result', 'failure');
        else span.setAttributes({ 'user.id': record.userId, 'sigra.result': 'success' });
        return record;
      } finally {
        span.end();
      }
    });
  };
}

/**
 * Unregisters the SDK (its AsyncLocalStorage context manager slows every promise of the process,
 * so the other states run without it), then registers a fresh one if the state needs it.
 */
async function setOpenTelemetry(
  otel: OpenTelemetryState,
  sdk: boolean,
  bridge: boolean,
  hand = false,
): Promise<void> {
  otel.stopBridge();
  otel.stopBridge = () => {};
  otel.handTracer = undefined;
  if (otel.provider !== undefined) {
    await otel.provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
    otel.provider = undefined;
  }
  if (!sdk) return;
  otel.provider = registerOtelSdk();
  // Node's AsyncLocalStorage installs its promise hooks on its first run, from then on slowing
  // every promise (2.4× on a loop of awaits here): what the first span of any instrumentation
  // does, done here so that `sdk` carries that cost as `full` does.
  context.with(context.active(), () => {});
  if (bridge) otel.stopBridge = attachOpenTelemetry({ tracerProvider: otel.provider });
  if (hand) otel.handTracer = otel.provider.getTracer('bench-hand-written');
}

/**
 * Everything off first (the state `logger: false` gives without the dashboard, no SDK), then what `state` attaches, as
 * the sample app starts it: its default logger (text, level `log`, formatted then discarded by
 * the app logger), its Prometheus reporter with `sigraMetrics()`, the OpenTelemetry bridge.
 */
async function setTelemetry(
  telemetry: SigraTelemetryService,
  prometheus: SigraPrometheusService,
  otel: OpenTelemetryState,
  state: TelemetryState,
): Promise<void> {
  telemetry.detachDefaultLogger();
  prometheus.onModuleDestroy();
  const sdk = state === 'sdk' || state === 'full' || state === 'hand';
  await setOpenTelemetry(otel, sdk, state === 'full', state === 'hand');
  if (state === 'logger' || state === 'full') telemetry.attachDefaultLogger();
  if (state === 'full') prometheus.onModuleInit();
}

/**
 * The sample app's live dashboard is in none of the measured states: its handlers (the metrics
 * reporter named `dashboard` and the security feed) go for good.
 */
function detachDashboard(): void {
  const ids = new Set(
    listHandlers([])
      .map((record) => record.id)
      .filter(
        (id) =>
          typeof id === 'string' &&
          (id.startsWith('sigra-metrics:dashboard#') || id.startsWith('sigra-dashboard-feed#')),
      ),
  );
  if (ids.size === 0) throw new Error('The sample app attached no dashboard handler to detach.');
  for (const id of ids) detach(id);
}

async function serve(): Promise<void> {
  const { app, base } = await listenSampleApp();
  const token = await createApiToken(base);
  const telemetry = app.get(SigraTelemetryService);
  const prometheus = app.get(SigraPrometheusService);
  detachDashboard();
  const otel: OpenTelemetryState = {
    provider: undefined,
    stopBridge: () => {},
    handTracer: undefined,
  };
  const { ApiTokensService } = await importSample('api-tokens/api-tokens.service.js');
  wrapTokenCheck(app.get<TokenCheck>(ApiTokensService as Type<TokenCheck>), otel);
  process.on('message', (message: SetTelemetry) => {
    void setTelemetry(telemetry, prometheus, otel, message.state).then(() =>
      process.send!(message),
    );
  });
  process.on('disconnect', () => {
    void setOpenTelemetry(otel, false, false).then(() => app.close());
  });
  const ready: ServerReady = {
    kind: 'ready',
    url: `${base}${ROUTE}`,
    headers: { authorization: `Bearer ${token}` },
  };
  process.send!(ready);
}

await serve();
