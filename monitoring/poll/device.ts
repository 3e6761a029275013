// What the poller needs to know about one device: the inventory's switch/UPS entry.
import type { Inventory, SnmpModuleName, SnmpSettings } from '../../infra/inventory/index.js';

export type PollDevice = {
  name: string;
  type: 'switch' | 'ups';
  address: string;
  model?: string;
  snmp: SnmpSettings;
  modules: SnmpModuleName[];
  /** Seconds between polls (inventory default 30). */
  interval?: number;
};

/** Every switch and UPS of an inventory, with its position for secret-resolution messages. */
export function devicesOf(inv: Pick<Inventory, 'switches' | 'upses'>): PollDevice[] {
  return [
    ...inv.switches.map((s): PollDevice => ({ ...s, type: 'switch' })),
    ...inv.upses.map((u): PollDevice => ({ ...u, type: 'ups' })),
  ];
}

export function inventoryPath(d: PollDevice, all: readonly PollDevice[]): (string | number)[] {
  const same = all.filter((x) => x.type === d.type);
  return [d.type === 'switch' ? 'switches' : 'upses', same.indexOf(d), 'snmp'];
}
