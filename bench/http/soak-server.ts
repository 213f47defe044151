import 'reflect-metadata';
import { SigraTelemetryService } from '@sigra/nestjs-telemetry';
import { collectGarbage } from '../harness/heap-probe.js';
import { BENCH_CREDENTIALS, createApiToken, listenSampleApp, post } from './sample-app-server.js';
import type { HeapSample, SoakReady } from './soak-protocol.js';

/** The account whose wrong-password logins the soak sends (it ends up locked: 401, then 423). */
const VICTIM = { email: 'victim@example.com', password: 'another horse battery staple 43' };

/**
 * The sample app as `npm start` runs it (default logger on, text; `off` as the first argument
 * detaches it, as a control), serving the soak's load and answering heap requests with the heap
 * used after a full collection.
 */
async function serve(): Promise<void> {
  const { app, base } = await listenSampleApp();
  if (process.argv[2] === 'off') app.get(SigraTelemetryService).detachDefaultLogger();
  const apiToken = await createApiToken(base);
  await post(base, '/auth/register', VICTIM);
  process.on('message', () => {
    collectGarbage();
    const sample: HeapSample = { kind: 'heap', heapUsed: process.memoryUsage().heapUsed };
    process.send!(sample);
  });
  process.on('disconnect', () => void app.close());
  const ready: SoakReady = {
    kind: 'ready',
    base,
    apiToken,
    account: BENCH_CREDENTIALS,
    victim: VICTIM.email,
  };
  process.send!(ready);
}

await serve();
