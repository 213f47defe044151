import { sigraMetrics } from '@sigra/nestjs-telemetry/metrics';
import { SigraPrometheusModule } from '@sigra/nestjs-telemetry/prometheus';
import { Registry } from 'prom-client';

/**
 * `GET /metrics` in the Prometheus format, with the Sigra metric set. A registry per app
 * instance, so that tests can run several apps in one process. With `METRICS_TOKEN` set, scrapes
 * must send it as a bearer token.
 */
export const MetricsModule = SigraPrometheusModule.forRootAsync({
  useFactory: () => ({
    metrics: sigraMetrics(),
    registry: new Registry(),
    bearerToken: process.env.METRICS_TOKEN || undefined,
  }),
});
