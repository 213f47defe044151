export { captureTelemetry } from './capture-telemetry.js';
export type { CapturedEvent, TelemetryCapture } from './capture-telemetry.js';
export { SigraTelemetryTestingModule } from './sigra-telemetry-testing.module.js';
