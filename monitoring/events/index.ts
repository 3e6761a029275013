// Public surface of the event stream room.
export type { MonitoringEvent, NewEvent, EventKind, EventSeverity } from './event.js';
export { createEventLog, type EventLog, type EventLogState } from './event-log.js';
export { stateEvents, followState } from './state-changes.js';
export { trapEvent } from './trap-event.js';
export { printable, MAX_TEXT } from './printable.js';
