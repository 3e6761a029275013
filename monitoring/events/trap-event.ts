// A received notification as an event-list entry.
import type { Notification } from '../traps/notification.js';
import type { MonitoringState } from '../model/device.js';
import type { NewEvent } from './event.js';

/** `state` (optional) names the port of a linkUp/linkDown from the last poll when the trap itself did not. */
export function trapEvent(n: Notification, state?: MonitoringState): NewEvent {
  let port: string | undefined;
  if (n.ifIndex !== undefined) {
    port = n.varbinds.find((v) => v.name === 'ifName')?.value ?? n.varbinds.find((v) => v.name === 'ifDescr')?.value;
    if (!port) {
      const row = state?.devices.find((d) => d.name === n.device)?.interfaces.find((i) => i.ifIndex === n.ifIndex);
      port = row ? row.ifName || row.ifDescr : undefined;
    }
  }
  return {
    at: n.at,
    kind: 'trap',
    severity: n.severity,
    source: n.device,
    ...(port ? { port } : {}),
    summary: port && n.ifIndex !== undefined && !n.summary.includes(port) ? n.summary.replace(`ifIndex ${n.ifIndex}`, `${port} (ifIndex ${n.ifIndex})`) : n.summary,
    trap: { name: n.name, oid: n.oid, version: n.version, pdu: n.pdu, varbinds: n.varbinds.map((v) => ({ oid: v.oid, ...(v.name ? { name: v.name } : {}), value: v.value })) },
  };
}
