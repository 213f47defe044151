// The root entry: upstream's telemetry functions under the catalog's types, the catalog, and the
// Nest module. The metadata policy (`/policy`), metrics (`/metrics`), exporters and testing
// helpers have entries of their own.
export * from './sigra/index.js';
export {
  detach,
  listHandlers,
  HANDLER_FAILURE_EVENT,
  registerTracer,
  diagnosticsChannelName,
  consoleCoreLogger,
  setCoreLogger,
  setMetadataPolicy,
  getMetadataPolicy,
  convertTime,
} from './core/index.js';
export type {
  AttachResult,
  ConfigArgument,
  CoreLogger,
  DetachResult,
  EventName,
  Handler,
  HandlerId,
  HandlerRecord,
  Measurements,
  Metadata,
  SigraSignalMessage,
  SigraTraceContext,
  SpanContext,
  SpanContextMetadata,
  SpanExceptionMetadata,
  SpanOptions,
  SpanResult,
  SpanStartMeasurements,
  SpanStopMeasurements,
  SpanTracer,
  TimeUnit,
} from './core/index.js';
export * from './catalog/index.js';
export * from './nest/index.js';
