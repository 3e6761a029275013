// What the dashboard needs from the inventory, as plain data (so components never see secrets
// or the whole Inventory): site name, devices with their poll interval, PBX extensions.
import type { Inventory } from '../../infra/inventory/index.js';
import type { ExtensionInfo } from './pbx-summary.js';

export type DeviceInfo = { name: string; type: 'switch' | 'ups'; model: string; address: string; intervalMs: number; location?: string };

export type DashboardConfig = {
  site: string;
  devices: DeviceInfo[];
  hasPbx: boolean;
  pbxHost?: string;
  extensions: ExtensionInfo[];
};

export function dashboardConfig(inv: Inventory): DashboardConfig {
  return {
    site: inv.site.name,
    devices: [
      ...inv.switches.map((s) => ({ name: s.name, type: 'switch' as const, model: s.model, address: s.address, intervalMs: s.interval * 1000, location: s.location })),
      ...inv.upses.map((u) => ({ name: u.name, type: 'ups' as const, model: u.model, address: u.address, intervalMs: u.interval * 1000, location: u.location })),
    ],
    hasPbx: inv.pbx !== undefined,
    pbxHost: inv.pbx?.host,
    extensions: (inv.pbx?.extensions ?? []).map((e) => ({ number: e.number, name: e.name, department: e.department ?? '' })),
  };
}
