import 'reflect-metadata';
import { SigraTelemetryService } from '@sigra/nestjs-telemetry';
import type { ServerReady, SetTelemetry } from './http-protocol.js';
import { createApiToken, listenSampleApp } from './sample-app-server.js';

/** The traced route: a guard that verifies an API token inside `@SigraSpan(api_token.verify)`. */
const ROUTE = '/api-tokens/whoami';
const EXTRA_HANDLER_ID = 'bench-http-handler';
let verifiedTotalNs = 0;

/**
 * Telemetry off: no handler attached at all (the state `logger: false` gives). On: the sample
 * app's default logger (text, level `log`, formatted then discarded by the app logger) plus one
 * handler on the route's span.
 */
function setTelemetry(telemetry: SigraTelemetryService, on: boolean): void {
  telemetry.detachDefaultLogger();
  telemetry.detach(EXTRA_HANDLER_ID);
  if (!on) return;
  telemetry.attachDefaultLogger();
  // A typical metric handler: reads the duration and bumps a counter.
  telemetry.attach(
    EXTRA_HANDLER_ID,
    ['sigra', 'api_token', 'verify', 'stop'],
    (_, measurements) => {
      verifiedTotalNs += measurements.duration;
    },
  );
}

async function serve(): Promise<void> {
  const { app, base } = await listenSampleApp();
  const token = await createApiToken(base);
  const telemetry = app.get(SigraTelemetryService);
  process.on('message', (message: SetTelemetry) => {
    setTelemetry(telemetry, message.on);
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
