export { SigraSignals, SigraSpans } from './event-names.constants.js';
export {
  accountEvents,
  apiTokenEvents,
  authEvents,
  cataloguedEvents,
  confirmationEvents,
  emailEvents,
  hookEvents,
  jwtEvents,
  loggedEvents,
  mfaEvents,
  oauthEvents,
  resetEvents,
  securityEvents,
  sessionEvents,
  tokenEvents,
  uncataloguedEvents,
} from './event-lists.functions.js';
export { eventCategory } from './event-category.function.js';
export type { SigraCategory } from './event-category.function.js';
export type { DottedName } from './dotted-name.types.js';
export type { SigraCatalogClosed, SigraCatalogConfig } from './catalog-config.types.js';
export type {
  RecordId,
  SigraCommonMetadata,
  SigraEventMap,
  SigraMeasurementsShape,
  SigraMetadataShape,
  SigraEventName,
  SigraSignalMap,
  SigraSignalName,
  SigraSpanMap,
  SigraSpanPrefix,
  UserId,
} from './event-metadata.types.js';
