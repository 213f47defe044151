export { attachPrometheus } from './prometheus-reporter.function.js';
export type { AttachPrometheusOptions, StopPrometheus } from './prometheus-reporter.types.js';
export { SigraPrometheusModule } from './sigra-prometheus.module.js';
export type {
  SigraPrometheusModuleExtras,
  SigraPrometheusModuleOptions,
} from './sigra-prometheus.options.js';
export { SigraPrometheusService } from './sigra-prometheus.service.js';
