import { describe, expect, it } from 'vitest';
import { GuestNetworks } from '../../../infra/constructs/network.js';
import { example } from '../inventories.js';
import { all, only, synthScope } from '../synth-json.js';

const inv = example();
const build = (networkMode: 'bridge' | 'sdn') =>
  synthScope((s) => new GuestNetworks(s, 'net', { networks: inv.networks, nodes: inv.proxmox.nodes, proxmox: { ...inv.proxmox, networkMode } }));

describe('GuestNetworks', () => {
  it('bridge mode: a VLAN-aware bridge per node passing exactly the inventory VLANs', () => {
    const bridges = all(build('bridge'), 'proxmox_network_linux_bridge');
    expect(bridges.map((b) => b.node_name)).toEqual(['pve1', 'pve2', 'pve3']);
    for (const b of bridges) expect(b).toMatchObject({ name: 'vmbr0', vlan_aware: true, vids: '10 20 30 40 50' });
  });

  it('bridge mode: one VLAN interface per node and network, tagged with the VLAN id', () => {
    const vlans = all(build('bridge'), 'proxmox_network_linux_vlan');
    expect(vlans).toHaveLength(15);
    expect(vlans.filter((v) => v.node_name === 'pve2').map((v) => [v.name, v.interface, v.vlan]).sort()).toEqual([
      ['vmbr0.10', 'vmbr0', 10],
      ['vmbr0.20', 'vmbr0', 20],
      ['vmbr0.30', 'vmbr0', 30],
      ['vmbr0.40', 'vmbr0', 40],
      ['vmbr0.50', 'vmbr0', 50],
    ]);
  });

  it('sdn mode: one VLAN zone on all nodes, a tagged vnet and a subnet per network, applied once', () => {
    const doc = build('sdn');
    expect(only(doc, 'proxmox_sdn_zone_vlan')).toMatchObject({ id: 'srw', bridge: 'vmbr0', nodes: ['pve1', 'pve2', 'pve3'] });
    expect(all(doc, 'proxmox_sdn_vnet').map((v) => [v.id, v.tag, v.alias]).sort()).toEqual([
      ['vnet10', 10, 'mgmt'],
      ['vnet20', 20, 'services'],
      ['vnet30', 30, 'dmz'],
      ['vnet40', 40, 'voice'],
      ['vnet50', 50, 'backup'],
    ]);
    expect(all(doc, 'proxmox_sdn_subnet').find((s) => s.cidr === '10.40.0.0/23')?.gateway).toBe('10.40.0.1');
    expect(all(doc, 'proxmox_sdn_applier')).toHaveLength(1);
    expect(doc.resource.proxmox_network_linux_bridge).toBeUndefined();
  });
});
