import 'reflect-metadata';
import { SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { SigraPrometheusService } from '@sigra/nestjs-telemetry/prometheus';
import type { ServerReady, SetTelemetry } from './http-protocol.js';
import { createApiToken, listenSampleApp } from './sample-app-server.js';

/** The traced route: a guard that verifies an API token inside `@SigraSpan(api_token.verify)`. */
const ROUTE = '/api-tokens/whoami';

/**
 * Telemetry off: no handler attached at all (the state `logger: false` gives). On: the sample
 * app's default logger (text, level `log`, formatted then discarded by the app logger) and its
 * Prometheus reporter with `sigraMetrics()`, as the sample app starts them.
 */
function setTelemetry(
  telemetry: SigraTelemetryService,
  prometheus: SigraPrometheusService,
  on: boolean,
): void {
  telemetry.detachDefaultLogger();
  prometheus.onModuleDestroy();
  if (!on) return;
  telemetry.attachDefaultLogger();
  prometheus.onModuleInit();
}

async function serve(): Promise<void> {
  const { app, base } = await listenSampleApp();
  const token = await createApiToken(base);
  const telemetry = app.get(SigraTelemetryService);
  const prometheus = app.get(SigraPrometheusService);
  process.on('message', (message: SetTelemetry) => {
    setTelemetry(telemetry, prometheus, message.on);
    process.send!(message);
  });
  process.on('disconnect', () => void app.close());
  const ready: ServerReady = {
    kind: 'ready',
    url: `${base}${ROUTE}`,
    headers: { authorization: `Bearer ${token}` },
  };
  process.send!(ready);
}

await serve();
