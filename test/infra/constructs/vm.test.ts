import { describe, expect, it } from 'vitest';
import { ProxmoxVm } from '../../../infra/constructs/vm.js';
import { guestSite, type GuestSite } from '../../../infra/constructs/guest-site.js';
import { ConstructPropsError } from '../../../infra/constructs/props-rules.js';
import type { Host } from '../../../infra/inventory/index.js';
import { example } from '../inventories.js';
import { only, synthScope } from '../synth-json.js';

const inv = example();
const host = (name: string): Host => inv.hosts.find((h) => h.name === name)!;
const bridgeSite: GuestSite = { ...guestSite(inv), proxmox: { ...inv.proxmox, networkMode: 'bridge' } };
const sdnSite: GuestSite = guestSite(inv); // the example uses SDN

const vmOf = (h: Host, site: GuestSite, extra: Partial<ConstructorParameters<typeof ProxmoxVm>[2]> = {}) =>
  only(synthScope((s) => new ProxmoxVm(s, 'vm', { host: h, site, imageFileId: 'cephfs:iso/debian.img', ...extra })), 'proxmox_virtual_environment_vm');

describe('ProxmoxVm', () => {
  it('tags each NIC with the VLAN of its network on the bridge (bridge mode), firewall on', () => {
    const vm = vmOf(host('db'), bridgeSite);
    expect(vm.network_device.map((n: any) => [n.bridge, n.vlan_id, n.firewall, n.model])).toEqual([
      ['vmbr0', 20, true, 'virtio'],
      ['vmbr0', 50, true, 'virtio'],
    ]);
  });

  it('puts NICs on the vnet untagged in SDN mode', () => {
    const vm = vmOf(host('proxy'), sdnSite);
    expect(vm.network_device.map((n: any) => [n.bridge, n.vlan_id])).toEqual([
      ['vnet30', null],
      ['vnet20', null],
    ]);
  });

  it('writes every network_device field, unused ones as null (JSON needs all object fields)', () => {
    const [nic] = vmOf(host('portal'), bridgeSite).network_device;
    expect(Object.keys(nic).sort()).toEqual(['bridge', 'disconnected', 'enabled', 'firewall', 'mac_address', 'model', 'mtu', 'queues', 'rate_limit', 'trunks', 'vlan_id']);
    expect(nic.mac_address).toBeNull();
    expect(nic.mtu).toBeNull();
  });

  it('configures cloud-init per NIC: prefix from the network, gateway only on the first NIC', () => {
    const init = vmOf(host('db'), bridgeSite).initialization;
    expect(init.ip_config).toEqual([{ ipv4: { address: '10.20.0.30/24', gateway: '10.20.0.1' } }, { ipv4: { address: '10.50.0.30/24' } }]);
    expect(init.dns.servers).toEqual(['10.10.0.1']);
    expect(init.user_account).toEqual({ username: 'admin', keys: [] });
  });

  it('passes the inventory user and SSH keys to cloud-init', () => {
    const init = vmOf(host('portal'), bridgeSite).initialization;
    expect(init.user_account.username).toBe('admin');
    expect(init.user_account.keys[0]).toMatch(/^ssh-ed25519 /);
  });

  it('keys disks by slot scsi0..N with the inventory sizes and datastores, boot disk from the image', () => {
    const vm = vmOf(host('db'), bridgeSite);
    expect(vm.disk.map((d: any) => [d.interface, d.size, d.datastore_id, d.file_id])).toEqual([
      ['scsi0', 50, 'ceph-vm', 'cephfs:iso/debian.img'],
      ['scsi1', 500, 'ceph-ssd', undefined],
    ]);
  });

  it('sets node, id, cpu, memory, agent, start on boot, pool and sorted tags with the role', () => {
    const vm = vmOf(host('portal'), bridgeSite);
    expect(vm).toMatchObject({ node_name: 'pve1', vm_id: 101, name: 'portal', on_boot: true, started: true, pool_id: 'web', agent: { enabled: true } });
    expect(vm.cpu.cores).toBe(2);
    expect(vm.memory.dedicated).toBe(4096);
    expect(vm.tags).toEqual(['public', 'web', 'www']);
  });

  it('clones a template when the host names one (full clone), with no image import', () => {
    const vm = vmOf({ ...host('portal'), template: 9000 }, bridgeSite, { imageFileId: undefined });
    expect(vm.clone).toEqual({ vm_id: 9000, full: true, datastore_id: 'ceph-vm' });
    expect(vm.disk[0].file_id).toBeUndefined();
  });

  it('uses a user-data snippet instead of user_account when given one', () => {
    const init = vmOf(host('portal'), bridgeSite, { userDataFileId: 'cephfs:snippets/u.yaml' }).initialization;
    expect(init.user_data_file_id).toBe('cephfs:snippets/u.yaml');
    expect(init.user_account).toBeUndefined();
  });

  it('reports every broken rule at once', () => {
    const bad: Host = { ...host('dziennik-sync'), nics: [{ network: 'nowhere', address: 'dhcp' }] };
    try {
      synthScope((s) => new ProxmoxVm(s, 'vm', { host: bad, site: bridgeSite }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConstructPropsError);
      expect((e as ConstructPropsError).failures).toEqual([
        'host dziennik-sync is kind "lxc", expected "vm"',
        'host dziennik-sync names no template, so an imageFileId is required',
        'host dziennik-sync has a NIC on an undeclared network',
      ]);
    }
  });
});
