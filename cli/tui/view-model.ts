// Turns published state + UI state into exactly the rows the components draw: merged with the
// inventory (devices not yet polled show as waiting), filtered and sorted. Pure.
import type { DeviceSnapshot, InterfaceRow, LldpNeighbor, MonitoringState } from '../../monitoring/model/device.js';
import { compareHealth, deviceHealth, physicalPorts, portState, type DeviceHealth, type Health, type PortState } from '../../monitoring/health.js';
import type { PbxState } from '../../voip/model/pbx.js';
import type { DashboardConfig } from './dashboard-config.js';
import { pbxSummary, type ExtensionRow, type PbxSummary } from './pbx-summary.js';
import type { SortKey } from './navigation.js';

export type OverviewRow = {
  key: string;
  kind: 'switch' | 'ups' | 'pbx';
  name: string;
  model: string;
  health: Health;
  device?: DeviceHealth;
  pbx?: PbxSummary;
};

export type PortRow = { row: InterfaceRow; state: PortState; neighbor?: LldpNeighbor };

const matches = (filter: string, ...fields: (string | undefined)[]) => {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return fields.some((x) => x !== undefined && x.toLowerCase().includes(f));
};

/** Inventory devices first in inventory order, each with its latest snapshot or a waiting placeholder. */
export function devicesOf(state: MonitoringState, cfg: DashboardConfig): DeviceSnapshot[] {
  const byName = new Map(state.devices.map((d) => [d.name, d] as const));
  const out: DeviceSnapshot[] = cfg.devices.map(
    (i) => byName.get(i.name) ?? { name: i.name, type: i.type, address: i.address, model: i.model, status: 'pending', interfaces: [], lldp: [] },
  );
  const known = new Set(cfg.devices.map((d) => d.name));
  for (const d of state.devices) if (!known.has(d.name)) out.push(d);
  return out;
}

export function overviewRows(
  devices: readonly DeviceSnapshot[],
  pbx: PbxSummary | undefined,
  cfg: DashboardConfig,
  now: number,
  filter: string,
  sort: SortKey,
): OverviewRow[] {
  const interval = new Map(cfg.devices.map((d) => [d.name, d.intervalMs] as const));
  const rows: OverviewRow[] = devices.map((d) => {
    const h = deviceHealth(d, now, interval.get(d.name));
    return { key: d.name, kind: d.type, name: d.name, model: d.model, health: h.health, device: h };
  });
  if (pbx) rows.push({ key: '\0pbx', kind: 'pbx', name: cfg.pbxHost ?? 'pbx', model: 'Asterisk', health: pbx.health, pbx });
  const shown = rows.filter((r) => matches(filter, r.name, r.model, r.kind));
  const load = (r: OverviewRow) => r.device?.worstUtilisation ?? 0;
  const byHealth = (a: OverviewRow, b: OverviewRow) =>
    compareHealth(
      { health: a.health, errorRate: a.device?.errorRate ?? 0, worstUtilisation: load(a), name: a.name },
      { health: b.health, errorRate: b.device?.errorRate ?? 0, worstUtilisation: load(b), name: b.name },
    );
  if (sort === 'name') shown.sort((a, b) => a.name.localeCompare(b.name));
  else if (sort === 'load') shown.sort((a, b) => load(b) - load(a) || a.name.localeCompare(b.name));
  else shown.sort(byHealth);
  return shown;
}

const STATE_RANK: Record<PortState, number> = { down: 0, erroring: 1, saturated: 2, busy: 3, idle: 4, 'admin-down': 5 };

export function portRows(d: DeviceSnapshot, filter: string, sort: SortKey): PortRow[] {
  const byIndex = new Map<number, LldpNeighbor>();
  const byName = new Map<string, LldpNeighbor>();
  for (const n of d.lldp) {
    if (n.localIfIndex !== undefined) byIndex.set(n.localIfIndex, n);
    byName.set(n.localPort, n);
  }
  const rows = physicalPorts(d.interfaces).map((row) => ({
    row,
    state: portState(row),
    neighbor: byIndex.get(row.ifIndex) ?? byName.get(row.ifName) ?? byName.get(row.ifDescr),
  }));
  const shown = rows.filter((r) =>
    matches(filter, r.row.ifName, r.row.ifAlias, r.row.ifDescr, r.neighbor?.remoteSystem, r.neighbor?.remotePortId, r.state),
  );
  if (sort === 'load') shown.sort((a, b) => (b.row.utilisation ?? 0) - (a.row.utilisation ?? 0) || a.row.ifIndex - b.row.ifIndex);
  else if (sort === 'errors') shown.sort((a, b) => (b.row.errorsPerSec ?? 0) - (a.row.errorsPerSec ?? 0) || a.row.ifIndex - b.row.ifIndex);
  else if (sort === 'state') shown.sort((a, b) => STATE_RANK[a.state] - STATE_RANK[b.state] || a.row.ifIndex - b.row.ifIndex);
  return shown;
}

const LINE_RANK: Record<ExtensionRow['line'], number> = { 'in-call': 0, ringing: 1, registered: 2, unregistered: 3 };

export function extensionList(rows: readonly ExtensionRow[], filter: string, sort: SortKey): ExtensionRow[] {
  const shown = rows.filter((r) => matches(filter, r.number, r.name, r.department, r.contact));
  const byNumber = (a: ExtensionRow, b: ExtensionRow) => a.number.localeCompare(b.number, undefined, { numeric: true });
  if (sort === 'number') shown.sort(byNumber);
  else if (sort === 'state') shown.sort((a, b) => LINE_RANK[a.line] - LINE_RANK[b.line] || byNumber(a, b));
  else shown.sort((a, b) => a.department.localeCompare(b.department) || byNumber(a, b));
  return shown;
}

export const summarisePbx = (state: PbxState | undefined, cfg: DashboardConfig): PbxSummary | undefined =>
  cfg.hasPbx && state ? pbxSummary(state, cfg.extensions) : undefined;

