import './catalog.registration.js';
export { attach, attachMany, execute, span } from './sigra-telemetry.functions.js';
export type * from './sigra-event.types.js';
