export { captureTelemetry } from './capture-telemetry.function.js';
export type { CapturedEvent, TelemetryCapture } from './capture-telemetry.function.js';
export { SigraTelemetryTestingModule } from './sigra-telemetry-testing.module.js';
