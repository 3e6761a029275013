// Events seen by polling: the difference between two published MonitoringStates. A port whose
// operStatus changed between two answered polls is a link event (so a port that flapped without
// a trap still shows); a device that stopped or started answering, and a UPS going to battery
// and back, are events too. The first poll of a device is its starting point, not a change.
import type { DeviceSnapshot, MonitoringState } from '../model/device.js';
import type { Store } from '../publisher.js';
import type { EventLog } from './event-log.js';
import type { NewEvent } from './event.js';
import { printable } from './printable.js';

function deviceEvents(prev: DeviceSnapshot, next: DeviceSnapshot, at: number): NewEvent[] {
  const out: NewEvent[] = [];
  const source = next.name;
  if (prev.status !== next.status && prev.status !== 'pending') {
    if (next.status === 'ok') out.push({ at, kind: 'device', severity: 'info', source, summary: 'answering again' });
    else if (prev.status === 'ok') out.push({ at, kind: 'device', severity: 'critical', source, summary: `not answering: ${next.status}${next.reason ? ` (${printable(next.reason)})` : ''}` });
  }
  if (prev.status === 'ok' && next.status === 'ok') {
    const before = new Map(prev.interfaces.map((i) => [i.ifIndex, i]));
    for (const i of next.interfaces) {
      const p = before.get(i.ifIndex);
      if (!p || p.operStatus === i.operStatus) continue;
      const port = printable(i.ifName || i.ifDescr || `ifIndex ${i.ifIndex}`);
      const alias = i.ifAlias ? ` "${printable(i.ifAlias, 60)}"` : '';
      const severity = i.operStatus === 'up' ? 'info' : i.adminStatus === 'down' ? 'info' : 'warning';
      out.push({ at, kind: 'link', severity, source, port, summary: `${port}${alias} ${p.operStatus} → ${i.operStatus}${i.adminStatus === 'down' ? ' (admin down)' : ''}` });
    }
    if (prev.ups && next.ups && prev.ups.onBattery !== next.ups.onBattery)
      out.push({ at, kind: 'ups', severity: next.ups.onBattery ? 'critical' : 'info', source, summary: next.ups.onBattery ? `on battery${next.ups.runtimeSeconds !== undefined ? `, ${Math.round(next.ups.runtimeSeconds / 60)} min left` : ''}` : 'back on mains' });
  }
  return out;
}

export function stateEvents(prev: MonitoringState, next: MonitoringState, at: number): NewEvent[] {
  const before = new Map(prev.devices.map((d) => [d.name, d]));
  return next.devices.flatMap((d) => {
    const p = before.get(d.name);
    return p && p !== d ? deviceEvents(p, d, at) : [];
  });
}

/** Pushes the events of every new state into `log`; returns the unsubscribe. */
export function followState(store: Store<MonitoringState>, log: EventLog, now: () => number = Date.now): () => void {
  let prev = store.getSnapshot();
  return store.subscribe(() => {
    const next = store.getSnapshot();
    for (const e of stateEvents(prev, next, now())) log.push(e);
    prev = next;
  });
}
