// One Proxmox guest (its /cluster/resources entry and its config) as an inventory host, or the
// reasons it cannot be one. Pure: no I/O. What srw understands is what its stacks can manage
// without re-creating or damaging the guest (infra/stacks/compute-stack.ts adopts it):
//   VM:  disks on scsi0..scsiN (srw keys disks by slot), NICs on the networks' bridges/VLANs,
//        cloud-init addresses (ipconfigN), no EFI disk, TPM or passthrough devices (srw's VM has
//        none, so a plan would remove them);
//   CT:  rootfs (+ mpN as extra disks), NICs as above with their ip=.
// Anything else is a problem of that guest, named with the config key it comes from.
import { isHostIn, type ProvisionedInventory, type Network } from '../inventory/index.js';
import { boolOf, intOf, parsePropertyString, sizeGiB } from './property-string.js';

export type ClusterGuest = { vmid: number; type: 'qemu' | 'lxc'; node: string; name?: string; pool?: string; template: boolean };

export type HostDraft = {
  name: string;
  kind: 'vm' | 'lxc';
  node: string;
  vmid: number;
  role: string;
  description?: string;
  cpu: number;
  memory: number;
  disks: { size: number; datastore?: string }[];
  nics: { network: string; address: string }[];
  tags: string[];
  startOnBoot: boolean;
  cloudInit?: { user?: string; sshKeys?: string[] };
};

export type GuestOutcome = {
  readonly guest: ClusterGuest;
  readonly host?: HostDraft;
  /** Why the guest cannot be adopted (nothing of it is written). */
  readonly problems: string[];
  /** Adopted, but the first plan will change this (the admin should read it). */
  readonly notes: string[];
  /** Not a guest to adopt (a template, already in the inventory). */
  readonly skipped?: string;
};

const NAME = /^[a-z][a-z0-9-]{0,62}$/;
const TAG = /^[a-z0-9_-]+$/;

/** The entries of `GET /cluster/resources?type=vm`; malformed ones are problems, not guesses. */
export function clusterGuests(data: unknown): { guests: ClusterGuest[]; problems: string[] } {
  if (!Array.isArray(data)) return { guests: [], problems: ['/cluster/resources did not answer a list'] };
  const guests: ClusterGuest[] = [];
  const problems: string[] = [];
  data.forEach((raw: unknown, i) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    if (r.type !== 'qemu' && r.type !== 'lxc') return; // nodes, storage, pools: not asked for, ignored
    const vmid = intOf(r.vmid);
    if (vmid === undefined || typeof r.node !== 'string') {
      problems.push(`/cluster/resources entry ${i} (${typeof r.id === 'string' ? r.id : '?'}): no vmid or node`);
      return;
    }
    guests.push({
      vmid,
      type: r.type,
      node: r.node,
      ...(typeof r.name === 'string' ? { name: r.name } : {}),
      ...(typeof r.pool === 'string' && r.pool ? { pool: r.pool } : {}),
      template: boolOf(r.template) ?? false,
    });
  });
  return { guests: guests.sort((a, b) => a.vmid - b.vmid), problems };
}

function networkFor(inv: ProvisionedInventory, bridge: string | undefined, tag: number | undefined): Network | undefined {
  const { networkMode, defaults } = inv.proxmox;
  if (networkMode === 'sdn') return inv.networks.find((n) => bridge === `vnet${n.vlan}`);
  return bridge === defaults.bridge && tag !== undefined ? inv.networks.find((n) => n.vlan === tag) : undefined;
}

function address(ip: string | undefined, net: Network, key: string, problems: string[], notes: string[]): string | undefined {
  if (ip === undefined) {
    notes.push(`${key}: no address in the config; written as dhcp (check it before applying)`);
    return 'dhcp';
  }
  if (ip === 'dhcp') return 'dhcp';
  const addr = ip.split('/')[0]!;
  if (!isHostIn(addr, net.cidr)) {
    problems.push(`${key}: address ${ip} is not inside network ${net.name} (${net.cidr})`);
    return undefined;
  }
  return addr;
}

function indexed(config: Record<string, unknown>, prefix: string): [number, string][] {
  return Object.entries(config)
    .filter(([k, v]) => new RegExp(`^${prefix}\\d+$`).test(k) && typeof v === 'string')
    .map(([k, v]): [number, string] => [Number(k.slice(prefix.length)), v as string])
    .sort((a, b) => a[0] - b[0]);
}

function tagsOf(config: Record<string, unknown>, role: string, notes: string[]): string[] {
  const raw = typeof config.tags === 'string' ? config.tags.split(/[;, ]+/).filter(Boolean) : [];
  const kept = raw.filter((t) => TAG.test(t) && t !== role);
  const dropped = raw.filter((t) => !TAG.test(t));
  if (dropped.length > 0) notes.push(`tags ${dropped.join(', ')}: not inventory tags (lower-case letters, digits, _ and -); the first plan removes them`);
  return [...new Set(kept)].sort();
}

function roleOf(guest: ClusterGuest, inv: ProvisionedInventory, fallback: string | undefined, problems: string[]): string | undefined {
  const known = new Set([...inv.roles.map((r) => r.name), ...inv.hosts.map((h) => h.role)]);
  if (guest.pool && known.has(guest.pool)) return guest.pool;
  if (fallback) return fallback;
  problems.push(`no role: its pool ${guest.pool ? `"${guest.pool}" is not a role of the inventory` : 'is not set'}; pass --role NAME (srw puts each guest in the pool of its role)`);
  return undefined;
}

function vmDisks(config: Record<string, unknown>, defaultStore: string, problems: string[]): HostDraft['disks'] {
  const disks: { slot: string; bus: string; n: number; size: number; store: string }[] = [];
  for (const bus of ['scsi', 'virtio', 'sata', 'ide']) {
    for (const [n, v] of indexed(config, bus)) {
      const p = parsePropertyString(v);
      if (p.values.get('media') === 'cdrom') continue; // ISO or cloud-init drive, not a disk
      const store = (p.head ?? '').split(':')[0] ?? '';
      const size = sizeGiB(p.values.get('size') ?? '');
      if (size === undefined) {
        problems.push(`${bus}${n}: no readable size in "${v}"`);
        continue;
      }
      disks.push({ slot: `${bus}${n}`, bus, n, size, store });
    }
  }
  const other = disks.filter((d) => d.bus !== 'scsi');
  if (other.length > 0) problems.push(`disks on ${other.map((d) => d.slot).join(', ')}: srw manages disks as scsi0..scsiN, and a plan would re-attach them there; move them to SCSI first`);
  const scsi = disks.filter((d) => d.bus === 'scsi').sort((a, b) => a.n - b.n);
  if (scsi.some((d, i) => d.n !== i)) problems.push(`disks on ${scsi.map((d) => d.slot).join(', ')}: srw expects scsi0, scsi1, … without gaps`);
  if (disks.length === 0) problems.push('no disk');
  return scsi.map((d) => ({ size: d.size, ...(d.store && d.store !== defaultStore ? { datastore: d.store } : {}) }));
}

function vmDraft(guest: ClusterGuest, config: Record<string, unknown>, inv: ProvisionedInventory, problems: string[], notes: string[]): Omit<HostDraft, 'name' | 'role' | 'tags' | 'description' | 'startOnBoot'> {
  for (const key of Object.keys(config)) {
    if (/^(efidisk0|tpmstate0|hostpci\d+|usb\d+|virtiofs\d+)$/.test(key)) problems.push(`${key}: srw's VMs have no EFI disk, TPM state or passthrough device; the first plan would remove it`);
  }
  if (config.bios === 'ovmf') problems.push('bios=ovmf (UEFI): srw manages SeaBIOS VMs only');
  const cores = intOf(config.cores) ?? 1;
  const sockets = intOf(config.sockets) ?? 1;
  if (sockets > 1) notes.push(`cpu: ${sockets} sockets × ${cores} cores becomes 1 socket × ${sockets * cores} cores`);
  const mem = typeof config.memory === 'string' || typeof config.memory === 'number' ? parsePropertyString(String(config.memory)) : undefined;
  const memory = intOf(mem?.head ?? mem?.values.get('current')) ?? 512;
  const disks = vmDisks(config, inv.proxmox.defaults.datastore, problems);
  const nics: HostDraft['nics'] = [];
  const ipconfigs = new Map(indexed(config, 'ipconfig'));
  for (const [n, v] of indexed(config, 'net')) {
    const p = parsePropertyString(v);
    const model = p.head?.split('=')[0] ?? [...p.values.keys()][0];
    const bridge = p.values.get('bridge');
    const tag = intOf(p.values.get('tag'));
    const net = networkFor(inv, bridge, tag);
    if (!net) {
      problems.push(`net${n}: bridge ${bridge ?? '(none)'}${tag !== undefined ? ` VLAN ${tag}` : ' without a VLAN tag'} is none of the inventory's networks (${inv.proxmox.networkMode} mode)`);
      continue;
    }
    if (model !== 'virtio' && !p.values.has('virtio')) notes.push(`net${n}: model ${model ?? '?'} becomes virtio`);
    const ip = ipconfigs.has(n) ? parsePropertyString(ipconfigs.get(n)!).values.get('ip') : undefined;
    const a = address(ip, net, `net${n}`, problems, notes);
    if (a) nics.push({ network: net.name, address: a });
  }
  if (nics.length === 0 && problems.length === 0) problems.push('no network interface on an inventory network');
  const user = typeof config.ciuser === 'string' ? config.ciuser : undefined;
  const keys = typeof config.sshkeys === 'string' ? decodeURIComponent(config.sshkeys).split('\n').map((k) => k.trim()).filter((k) => /^(ssh-|ecdsa-)/.test(k)) : [];
  return {
    kind: 'vm',
    node: guest.node,
    vmid: guest.vmid,
    cpu: sockets * cores,
    memory,
    disks,
    nics,
    ...(user !== undefined || keys.length > 0 ? { cloudInit: { ...(user !== undefined ? { user } : {}), ...(keys.length > 0 ? { sshKeys: keys } : {}) } } : {}),
  };
}

function ctDraft(guest: ClusterGuest, config: Record<string, unknown>, inv: ProvisionedInventory, problems: string[], notes: string[]): Omit<HostDraft, 'name' | 'role' | 'tags' | 'description' | 'startOnBoot'> {
  const disks: HostDraft['disks'] = [];
  const volume = (key: string, v: unknown) => {
    if (typeof v !== 'string') return;
    const p = parsePropertyString(v);
    const size = sizeGiB(p.values.get('size') ?? '');
    if (size === undefined) return void problems.push(`${key}: no readable size in "${v}"`);
    const store = (p.head ?? '').split(':')[0] ?? '';
    disks.push({ size, ...(store && store !== inv.proxmox.defaults.datastore ? { datastore: store } : {}) });
  };
  if (typeof config.rootfs !== 'string') problems.push('no rootfs');
  volume('rootfs', config.rootfs);
  for (const [n, v] of indexed(config, 'mp')) volume(`mp${n}`, v);
  const nics: HostDraft['nics'] = [];
  for (const [n, v] of indexed(config, 'net')) {
    const p = parsePropertyString(v);
    const net = networkFor(inv, p.values.get('bridge'), intOf(p.values.get('tag')));
    if (!net) {
      problems.push(`net${n}: bridge ${p.values.get('bridge') ?? '(none)'}${p.values.has('tag') ? ` VLAN ${p.values.get('tag')}` : ' without a VLAN tag'} is none of the inventory's networks (${inv.proxmox.networkMode} mode)`);
      continue;
    }
    const a = address(p.values.get('ip'), net, `net${n}`, problems, notes);
    if (a) nics.push({ network: net.name, address: a });
  }
  if (nics.length === 0 && problems.length === 0) problems.push('no network interface on an inventory network');
  return { kind: 'lxc', node: guest.node, vmid: guest.vmid, cpu: intOf(config.cores) ?? 1, memory: intOf(config.memory) ?? 512, disks, nics };
}

export function mapGuest(guest: ClusterGuest, configData: unknown, inv: ProvisionedInventory, opts: { role?: string }): GuestOutcome {
  const problems: string[] = [];
  const notes: string[] = [];
  if (guest.template) return { guest, problems, notes, skipped: 'a template, not a guest' };
  if (configData === null || typeof configData !== 'object' || Array.isArray(configData)) return { guest, problems: ['its config is not an object'], notes };
  const config = configData as Record<string, unknown>;
  const rawName = guest.type === 'qemu' ? (config.name ?? guest.name) : (config.hostname ?? guest.name);
  const name = typeof rawName === 'string' ? rawName : '';
  if (!NAME.test(name)) problems.push(`name "${name}": not an inventory name (lower-case letters, digits and "-", starting with a letter); rename the guest in Proxmox first`);
  if (!inv.proxmox.nodes.some((n) => n.name === guest.node)) problems.push(`node ${guest.node} is not in proxmox.nodes`);
  const role = roleOf(guest, inv, opts.role, problems);
  const body = guest.type === 'qemu' ? vmDraft(guest, config, inv, problems, notes) : ctDraft(guest, config, inv, problems, notes);
  if (problems.length > 0 || !role) return { guest, problems, notes };
  const description = typeof config.description === 'string' && config.description.trim() ? config.description.trim() : undefined;
  return {
    guest,
    problems,
    notes,
    host: {
      name,
      role,
      ...body,
      ...(description ? { description } : {}),
      tags: tagsOf(config, role, notes),
      startOnBoot: boolOf(config.onboot) ?? false,
    },
  };
}
