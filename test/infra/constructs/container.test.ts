import { describe, expect, it } from 'vitest';
import { ProxmoxLxc } from '../../../infra/constructs/container.js';
import { guestSite, type GuestSite } from '../../../infra/constructs/guest-site.js';
import { ConstructPropsError } from '../../../infra/constructs/props-rules.js';
import type { Host } from '../../../infra/inventory/index.js';
import { example } from '../inventories.js';
import { only, synthScope } from '../synth-json.js';

const inv = example();
const host = (name: string): Host => inv.hosts.find((h) => h.name === name)!;
const bridgeSite: GuestSite = { ...guestSite(inv), proxmox: { ...inv.proxmox, networkMode: 'bridge' } };
const ctOf = (h: Host, site: GuestSite = bridgeSite) => only(synthScope((s) => new ProxmoxLxc(s, 'ct', { host: h, site })), 'proxmox_virtual_environment_container');

describe('ProxmoxLxc', () => {
  it('builds an unprivileged container from the inventory template with the root disk size', () => {
    const ct = ctOf(host('dziennik-sync'));
    expect(ct).toMatchObject({ node_name: 'pve2', vm_id: 112, unprivileged: true, start_on_boot: true, started: true, pool_id: 'app' });
    expect(ct.operating_system.template_file_id).toBe('local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst');
    expect(ct.disk).toEqual({ datastore_id: 'ceph-vm', size: 16 });
    expect(ct.memory).toEqual({ dedicated: 2048, swap: 512 });
  });

  it('names interfaces eth0.. on the bridge with the VLAN tag and the firewall on', () => {
    expect(ctOf(host('monitoring')).network_interface).toEqual([{ name: 'eth0', bridge: 'vmbr0', vlan_id: 10, firewall: true }]);
  });

  it('sets hostname and the address with prefix and gateway', () => {
    const init = ctOf(host('hale-rezerwacje')).initialization;
    expect(init.hostname).toBe('hale-rezerwacje');
    expect(init.ip_config).toEqual([{ ipv4: { address: '10.20.0.13/24', gateway: '10.20.0.1' } }]);
  });

  it('turns disks after the first into mount points with their sizes', () => {
    const h: Host = { ...host('dziennik-sync'), disks: [{ size: 8 }, { size: 100, datastore: 'ceph-ssd' }] };
    expect(ctOf(h).mount_point).toEqual([{ volume: 'ceph-ssd', size: '100G', path: '/mnt/data1' }]);
  });

  it('refuses a VM host', () => {
    expect(() => ctOf(host('db'))).toThrow(ConstructPropsError);
  });
});
