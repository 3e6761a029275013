// Guests as Proxmox VE describes them → inventory hosts, or the reasons they cannot be adopted.
import { describe, expect, it } from 'vitest';
import { addAdoptedHosts, clusterGuests, mapGuest, parsePropertyString, sizeGiB, type ClusterGuest } from '../../../infra/adopt/index.js';
import { isProvisioned, parseInventory, type ProvisionedInventory } from '../../../infra/inventory/index.js';
import { checkAnswer } from './pve-standin.js';
import { GUESTS, INVENTORY } from './guests.js';


function inventory(text = INVENTORY): ProvisionedInventory {
  const r = parseInventory(text, 'inventory.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  if (!isProvisioned(r.value)) throw new Error('the fixture inventory has no proxmox section');
  return r.value;
}

const guest = (vmid: number): [ClusterGuest, Record<string, unknown>] => {
  const g = GUESTS.find((x) => x.vmid === vmid)!;
  return [{ vmid: g.vmid, type: g.type, node: g.node, name: g.name, ...(g.pool ? { pool: g.pool } : {}), template: g.template === 1 }, g.config];
};

describe('the stand-in fixtures follow the official API schema', () => {
  it('every guest config and the resource list are answers a Proxmox VE 9 could send', () => {
    for (const g of GUESTS) expect({ vmid: g.vmid, errors: checkAnswer(`/nodes/{node}/${g.type}/{vmid}/config`, g.config) }).toEqual({ vmid: g.vmid, errors: [] });
    expect(checkAnswer('/cluster/resources', GUESTS.map((g) => ({ id: `${g.type}/${g.vmid}`, type: g.type, node: g.node, vmid: g.vmid, name: g.name, template: g.template ?? 0 })))).toEqual([]);
  });
  it('the check has teeth: unknown keys, unknown property-string keys and wrong types are caught', () => {
    const errors = checkAnswer('/nodes/{node}/qemu/{vmid}/config', { name: 'x', cores: 'two', net0: 'virtio=AA:BB:CC:DD:EE:FF,brdge=vmbr0', frobnicate: 1 });
    expect(errors.join('\n')).toMatch(/cores: expected integer/);
    expect(errors.join('\n')).toMatch(/net0: unknown key "brdge"/);
    expect(errors.join('\n')).toMatch(/frobnicate: not a property/);
  });
});

describe('property strings', () => {
  it('splits the default key and key=value pairs; sizes round up to whole GiB', () => {
    const p = parsePropertyString('local-lvm:vm-101-disk-0,iothread=1,size=32G');
    expect(p.head).toBe('local-lvm:vm-101-disk-0');
    expect(p.values.get('size')).toBe('32G');
    expect([sizeGiB('32G'), sizeGiB('512M'), sizeGiB('1T'), sizeGiB('4M'), sizeGiB('x')]).toEqual([32, 1, 1024, 1, undefined]);
  });
});

describe('mapGuest', () => {
  const inv = inventory();
  it('maps a VM: cores × sockets, memory, scsi disks (other datastores kept), the NIC by bridge and VLAN, its cloud-init address, tags without the role', () => {
    const [g, c] = guest(101);
    const o = mapGuest(g, c, inv, {});
    expect(o.problems).toEqual([]);
    expect(o.host).toEqual({
      name: 'ewidencja', kind: 'vm', node: 'pve1', vmid: 101, role: 'app', description: 'Ewidencja ludności', cpu: 2, memory: 4096,
      disks: [{ size: 32 }, { size: 100, datastore: 'ceph-ssd' }], nics: [{ network: 'services', address: '10.20.0.41' }],
      tags: ['ewidencja'], startOnBoot: true, cloudInit: { user: 'admin' },
    });
  });
  it('maps a container from numbers sent as strings; rootfs and mount points become disks', () => {
    const [g, c] = guest(102);
    const o = mapGuest(g, c, inv, {});
    expect(o.problems).toEqual([]);
    expect(o.host).toMatchObject({ name: 'archiwum', kind: 'lxc', cpu: 1, memory: 1024, disks: [{ size: 8 }, { size: 50 }], nics: [{ network: 'services', address: '10.20.0.42' }], startOnBoot: true });
  });
  it('refuses what srw would re-create or damage, naming the config key', () => {
    expect(mapGuest(...guest(103), inv, {}).problems.join('\n')).toMatch(/disks on virtio0: srw manages disks as scsi0\.\.scsiN/);
    const win = mapGuest(...guest(104), inv, {}).problems.join('\n');
    expect(win).toMatch(/name "WinSrv": not an inventory name/);
    expect(win).toMatch(/efidisk0: srw's VMs have no EFI disk/);
    expect(win).toMatch(/bios=ovmf/);
    expect(mapGuest(...guest(105), inv, {}).problems.join('\n')).toMatch(/net0: bridge vmbr1 without a VLAN tag is none of the inventory's networks \(bridge mode\)/);
  });
  it('needs a role: the pool when it is a role, else --role', () => {
    const [g, c] = guest(101);
    expect(mapGuest({ ...g, pool: 'produkcja' }, c, inv, {}).problems.join('\n')).toMatch(/no role: its pool "produkcja" is not a role of the inventory; pass --role NAME/);
    expect(mapGuest({ ...g, pool: 'produkcja' }, c, inv, { role: 'web' }).host?.role).toBe('web');
  });
  it('skips templates; refuses a config that is not an object; reads only guests from the resource list', () => {
    expect(mapGuest(...guest(9000), inv, {}).skipped).toBe('a template, not a guest');
    expect(mapGuest(guest(101)[0], 'garbage', inv, {}).problems).toEqual(['its config is not an object']);
    const listed = clusterGuests([{ id: 'node/pve1', type: 'node' }, { id: 'qemu/7', type: 'qemu' }, { id: 'lxc/102', type: 'lxc', vmid: '102', node: 'pve1' }]);
    expect(listed.guests.map((x) => x.vmid)).toEqual([102]);
    expect(listed.problems).toEqual(['/cluster/resources entry 1 (qemu/7): no vmid or node']);
    expect(clusterGuests({ data: 1 }).problems).toEqual(['/cluster/resources did not answer a list']);
  });
});

describe('addAdoptedHosts', () => {
  it('appends in the style of the list, every other byte (comments included) unchanged, and the result validates', () => {
    const inv = inventory();
    const hosts = [mapGuest(...guest(101), inv, {}).host!, mapGuest(...guest(102), inv, {}).host!];
    const r = addAdoptedHosts(INVENTORY, 'inventory.yaml', hosts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const head = INVENTORY.slice(0, INVENTORY.indexOf('\n# --- switches'));
    expect(r.value.startsWith(head)).toBe(true);
    expect(r.value.endsWith('\n# --- switches come later ---\n')).toBe(true);
    expect(r.value).toContain('  - name: "ewidencja"\n    kind: "vm"\n    node: "pve1"\n    vmid: 101\n    role: "app"\n');
    expect(r.value).toContain('    adopt: true\n\n# --- switches');
    expect(r.value).toContain('    disks: [{ size: 32 }, { size: 100, datastore: "ceph-ssd" }]\n');
    const after = inventory(r.value);
    expect(after.hosts.filter((h) => h.adopt).map((h) => h.name)).toEqual(['ewidencja', 'archiwum']);
  });
  it('refuses, located, when the result would not validate (an address taken)', () => {
    const inv = inventory();
    const h = { ...mapGuest(...guest(101), inv, {}).host!, nics: [{ network: 'services', address: '10.20.0.10' }] };
    const r = addAdoptedHosts(INVENTORY, 'inventory.yaml', [h]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/^after the edit: /);
  });
});
