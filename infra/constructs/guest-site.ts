// What a guest construct needs to know about the rest of the inventory besides its own host
// entry: the networks (for VLAN tag, prefix, gateway) and the cluster defaults.
import type { Network, ProvisionedInventory, Proxmox } from '../inventory/index.js';

export type GuestSite = {
  readonly networks: readonly Network[];
  readonly proxmox: Pick<Proxmox, 'networkMode' | 'defaults'>;
};

export function guestSite(inv: ProvisionedInventory): GuestSite {
  return { networks: inv.networks, proxmox: inv.proxmox };
}

/** The network a NIC names; the inventory loader already guarantees it exists. */
export function networkOf(site: GuestSite, name: string): Network {
  const net = site.networks.find((n) => n.name === name);
  if (!net) throw new Error(`network "${name}" is not declared in the inventory`);
  return net;
}
