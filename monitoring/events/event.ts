// One thing that happened, as the event list in the TUI and `srw events` show it: a trap, a
// link or device change seen by polling, a topology drift, a PBX registration or trunk change.
// Plain data; every string in it is already printable (see printable.ts).

export type EventKind = 'trap' | 'link' | 'device' | 'ups' | 'topology' | 'pbx';
export type EventSeverity = 'info' | 'warning' | 'critical';

export type MonitoringEvent = {
  /** Increasing within one event log. */
  id: number;
  /** Epoch ms. */
  at: number;
  kind: EventKind;
  severity: EventSeverity;
  /** Inventory device name, or "pbx". */
  source: string;
  /** Port name when the event is about one port. */
  port?: string;
  summary: string;
  /** For traps: what came in, so scripts can match on it. */
  trap?: { name: string; oid: string; version: '1' | '2c' | '3'; pdu: 'trap' | 'inform'; varbinds: { oid: string; name?: string; value: string }[] };
};

export type NewEvent = Omit<MonitoringEvent, 'id'>;
