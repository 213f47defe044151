import { pinEventName } from '../core/core.internal.js';
import { cataloguedEvents, uncataloguedEvents } from '../catalog/event-lists.functions.js';

// Every Sigra event name is known to the registry from the start, so that `span` and `execute`
// publish them on `diagnostics_channel` for a subscriber even before any handler is attached.
for (const name of [...cataloguedEvents(), ...uncataloguedEvents()]) pinEventName(name);
