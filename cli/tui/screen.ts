// Everything one frame shows, computed once per state change from the published state and the
// UI state. The App uses it both to draw and to tell the key handler what is on screen.
import type { DeviceSnapshot, MonitoringState } from '../../monitoring/model/device.js';
import { countHealth, deviceHealth, type DeviceHealth, type HealthCounts } from '../../monitoring/health.js';
import type { PbxState } from '../../voip/model/pbx.js';
import type { DashboardConfig } from './dashboard-config.js';
import { sortKeyOf, type KeyContext, type UiState, type View } from './navigation.js';
import type { ExtensionRow, PbxSummary } from './pbx-summary.js';
import { devicesOf, extensionList, overviewRows, portRows, summarisePbx, type OverviewRow, type PortRow } from './view-model.js';

export type DeviceFocus = {
  device: DeviceSnapshot;
  health: DeviceHealth;
  /** 0-based position among the devices of its kind, and how many there are. */
  index: number;
  count: number;
};

export type Screen = {
  counts: HealthCounts;
  total: number;
  overview: OverviewRow[];
  switch?: DeviceFocus & { allPorts: PortRow[]; ports: PortRow[] };
  ups?: DeviceFocus;
  pbx?: PbxSummary;
  extensions: ExtensionRow[];
  keys: KeyContext;
};

function focus(devices: DeviceSnapshot[], wanted: string | undefined, cfg: DashboardConfig, now: number): DeviceFocus | undefined {
  if (devices.length === 0) return undefined;
  const i = Math.max(0, wanted === undefined ? 0 : devices.findIndex((d) => d.name === wanted));
  const device = devices[i]!;
  const interval = cfg.devices.find((d) => d.name === device.name)?.intervalMs;
  return { device, health: deviceHealth(device, now, interval), index: i, count: devices.length };
}

export function buildScreen(cfg: DashboardConfig, mon: MonitoringState, pbxState: PbxState | undefined, ui: UiState, now: number): Screen {
  const devices = devicesOf(mon, cfg);
  const pbx = summarisePbx(pbxState, cfg);
  // Counts at the top are over everything, not just what the filter shows.
  const all = overviewRows(devices, pbx, cfg, now, '', 'health');
  const overview = ui.filter.overview ? overviewRows(devices, pbx, cfg, now, ui.filter.overview, sortKeyOf(ui, 'overview')) : sortKeyOf(ui, 'overview') === 'health' ? all : overviewRows(devices, pbx, cfg, now, '', sortKeyOf(ui, 'overview'));
  const switches = devices.filter((d) => d.type === 'switch');
  const upses = devices.filter((d) => d.type === 'ups');

  const sw = ui.view === 'switch' ? focus(switches, ui.device.switch, cfg, now) : undefined;
  const swPorts = sw ? { allPorts: portRows(sw.device, '', 'index'), ports: portRows(sw.device, ui.filter.switch, sortKeyOf(ui, 'switch')) } : undefined;
  const extensions = ui.view === 'pbx' && pbx ? extensionList(pbx.extensions, ui.filter.pbx, sortKeyOf(ui, 'pbx')) : [];

  const rowsFor: Record<View, readonly string[]> = {
    overview: overview.map((r) => r.key),
    switch: swPorts?.ports.map((p) => p.row.key) ?? [],
    ups: [],
    pbx: extensions.map((e) => e.number),
    events: [],
  };
  const kindOf = new Map(all.map((r) => [r.key, r.kind] as const));
  return {
    counts: countHealth(all),
    total: all.length,
    overview,
    switch: sw && swPorts ? { ...sw, ...swPorts } : undefined,
    ups: ui.view === 'ups' ? focus(upses, ui.device.ups, cfg, now) : undefined,
    pbx,
    extensions,
    keys: {
      rows: rowsFor[ui.view],
      devices: { switch: switches.map((d) => d.name), ups: upses.map((d) => d.name) },
      openTarget: (k) => kindOf.get(k),
    },
  };
}
