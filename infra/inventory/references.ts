// Rules that span entries of the inventory: uniqueness, references, addresses inside networks.
// Each rule is a small function returning problems; `crossCheck` runs all of them so that a
// file with five mistakes gets five messages in one go.
import type { Inventory } from './schema.js';
import type { Problem } from './problem.js';
import { hasHostBits, ipToInt, isHostIn, parseCidr } from './ipv4.js';
import { closest } from './closest.js';
import { portRules } from './port-rules.js';
import { emergencyInRange, overlapMessage, overlappingExtension, reservedNumberConflict } from './dialling.js';

/** `ref`: the name a reference finding points at, so the loader can drop knock-on findings. */
type Finding = Omit<Problem, 'file'> & { ref?: string; firstPath?: (string | number)[] };
export type { Finding };
type Rule = (inv: Inventory) => Finding[];

function unique<T extends { name?: string }>(items: readonly T[], key: (t: T) => string | undefined, path: (i: number) => (string | number)[], what: string): Finding[] {
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else {
      const owner = items[first]!.name;
      const by = owner !== undefined && !what.endsWith('name') ? ` by "${owner}"` : '';
      out.push({ code: 'duplicate', message: `${what} ${k} is already used${by}`, path: path(i), firstPath: path(first) });
    }
  });
  return out;
}

function unknownRef(kind: string, value: string, known: readonly string[]): string {
  const guess = closest(value, known);
  const names = [...new Set(known)];
  const list = names.length ? `known: ${names.join(', ')}` : `no ${kind}s are declared`;
  return `unknown ${kind} "${value}" (${guess ? `did you mean "${guess}"? ` : ''}${list})`;
}

function unknownExtension(n: string, numbers: readonly string[]): string {
  const guess = closest(n, numbers);
  return `unknown extension ${n}${guess ? ` (did you mean ${guess}?)` : numbers.length ? '' : ' (the PBX has no extensions)'}`;
}

function outsideMessage(ip: string, net: string, cidr: string): string {
  const c = parseCidr(cidr);
  const n = ipToInt(ip);
  if (n === c.network) return `address ${ip} is the network address of ${net} (${cidr}), not a host address`;
  if (n === c.network + c.size - 1) return `address ${ip} is the broadcast address of ${net} (${cidr}), not a host address`;
  return `address ${ip} is not inside network ${net} (${cidr})`;
}

const uniqueNames: Rule = (inv) => [
  ...unique(inv.proxmox?.nodes ?? [], (n) => n.name, (i) => ['proxmox', 'nodes', i, 'name'], 'node name'),
  ...unique(inv.networks, (n) => n.name, (i) => ['networks', i, 'name'], 'network name'),
  ...unique(inv.networks, (n) => String(n.vlan), (i) => ['networks', i, 'vlan'], 'VLAN id'),
  ...unique(inv.roles, (r) => r.name, (i) => ['roles', i, 'name'], 'role name'),
  ...unique(inv.hosts, (h) => h.name, (i) => ['hosts', i, 'name'], 'host name'),
  ...unique(inv.hosts, (h) => String(h.vmid), (i) => ['hosts', i, 'vmid'], 'VM id'),
  ...(inv.pbx ? unique(inv.pbx.trunks, (t) => t.name, (i) => ['pbx', 'trunks', i, 'name'], 'trunk name') : []),
  ...(inv.pbx ? unique(inv.pbx.extensions, (e) => e.number, (i) => ['pbx', 'extensions', i, 'number'], 'extension') : []),
];

// Device names are unique across switches and UPSes: the exporter's `target=` names one of them.
const uniqueDeviceNames: Rule = (inv) => {
  const all = [
    ...inv.switches.map((d, i) => ({ name: d.name, path: ['switches', i, 'name'] as (string | number)[] })),
    ...inv.upses.map((d, i) => ({ name: d.name, path: ['upses', i, 'name'] as (string | number)[] })),
  ];
  const seen = new Map<string, (string | number)[]>();
  const out: Finding[] = [];
  for (const d of all) {
    const first = seen.get(d.name);
    if (first) out.push({ code: 'duplicate', message: `device name ${d.name} is already used`, path: d.path, firstPath: first });
    else seen.set(d.name, d.path);
  }
  return out;
};

// Addresses srw assigns (nodes, guest NICs, gateways) are unique. SNMP devices are not in this
// list: a device's address is where its agent answers, and one address can front several agents
// (an SNMP proxy, a port-forward, a lab, snmpd on a Proxmox node or an L3 switch that is also the
// gateway); uniqueSnmpAgents below refuses only the same agent twice.
const uniqueAddresses: Rule = (inv) => {
  const entries: { ip: string; path: (string | number)[] }[] = [];
  inv.proxmox?.nodes.forEach((n, i) => entries.push({ ip: n.address, path: ['proxmox', 'nodes', i, 'address'] }));
  inv.hosts.forEach((h, i) =>
    h.nics.forEach((nic, j) => nic.address !== 'dhcp' && entries.push({ ip: nic.address, path: ['hosts', i, 'nics', j, 'address'] })),
  );
  inv.networks.forEach((n, i) => entries.push({ ip: n.gateway, path: ['networks', i, 'gateway'] }));
  const seen = new Map<string, (string | number)[]>();
  const out: Finding[] = [];
  for (const e of entries) {
    const first = seen.get(e.ip);
    if (first) out.push({ code: 'duplicate', message: `address ${e.ip} is already used by ${fmt(first)}`, path: e.path, firstPath: first });
    else seen.set(e.ip, e.path);
  }
  return out;
};

/** Two devices are the same agent when address, port and credentials (community, or v3 user and context) all match. */
const uniqueSnmpAgents: Rule = (inv) => {
  const devices = [
    ...inv.switches.map((d, i) => ({ d, path: ['switches', i, 'address'] as (string | number)[] })),
    ...inv.upses.map((d, i) => ({ d, path: ['upses', i, 'address'] as (string | number)[] })),
  ];
  const seen = new Map<string, (string | number)[]>();
  const out: Finding[] = [];
  for (const { d, path } of devices) {
    const s = d.snmp;
    const credentials = s.version === '3' ? { user: s.user, context: s.context } : { community: s.community };
    const key = JSON.stringify([d.address, s.port, s.version, credentials]);
    const first = seen.get(key);
    if (first)
      out.push({ code: 'duplicate', message: `${d.address}:${s.port} with the same SNMP credentials is already ${fmt(first.slice(0, -1))}: give one of them another port or credentials, or remove it`, path, firstPath: first });
    else seen.set(key, path);
  }
  return out;
};

const networksAreConsistent: Rule = (inv) =>
  inv.networks.flatMap((n, i) => {
    const out: Finding[] = [];
    if (hasHostBits(n.cidr)) out.push({ code: 'range', message: `${n.cidr} has host bits set; write the network address`, path: ['networks', i, 'cidr'] });
    if (!isHostIn(n.gateway, n.cidr)) out.push({ code: 'range', message: `gateway ${n.gateway} is not a host address in ${n.cidr}`, path: ['networks', i, 'gateway'] });
    if (n.dhcp) {
      for (const end of ['start', 'end'] as const)
        if (!isHostIn(n.dhcp[end], n.cidr)) out.push({ code: 'range', message: `DHCP ${end} ${n.dhcp[end]} is outside ${n.cidr}`, path: ['networks', i, 'dhcp', end] });
      if (ipToInt(n.dhcp.start) > ipToInt(n.dhcp.end)) out.push({ code: 'range', message: `DHCP range starts (${n.dhcp.start}) after it ends (${n.dhcp.end})`, path: ['networks', i, 'dhcp'] });
    }
    return out;
  });

const hostReferences: Rule = (inv) => {
  // Without a Proxmox section there is nowhere to run guests: one finding, not one per host.
  if (!inv.proxmox) return inv.hosts.length > 0 ? [{ code: 'reference', message: `${inv.hosts.length} host${inv.hosts.length === 1 ? '' : 's'} but no proxmox section to run them on: add proxmox (endpoint, apiToken, nodes) or remove hosts`, path: ['hosts'] }] : [];
  const nodes = inv.proxmox.nodes.map((n) => n.name);
  const nets = new Map(inv.networks.map((n) => [n.name, n]));
  const roles = inv.roles.map((r) => r.name);
  return inv.hosts.flatMap((h, i) => {
    const out: Finding[] = [];
    if (!nodes.includes(h.node)) out.push({ code: 'reference', message: unknownRef('node', h.node, nodes), path: ['hosts', i, 'node'], ref: h.node });
    if (inv.roles.length > 0 && !roles.includes(h.role)) out.push({ code: 'reference', message: unknownRef('role', h.role, roles), path: ['hosts', i, 'role'], ref: h.role });
    h.nics.forEach((nic, j) => {
      const net = nets.get(nic.network);
      if (!net) out.push({ code: 'reference', message: unknownRef('network', nic.network, [...nets.keys()]), path: ['hosts', i, 'nics', j, 'network'], ref: nic.network });
      else if (nic.address !== 'dhcp' && !isHostIn(nic.address, net.cidr))
        out.push({ code: 'range', message: outsideMessage(nic.address, net.name, net.cidr), path: ['hosts', i, 'nics', j, 'address'] });
    });
    if (h.kind === 'lxc' && h.template !== undefined) out.push({ code: 'schema', message: 'template applies to VMs only; containers use proxmox.defaults.lxcTemplate', path: ['hosts', i, 'template'] });
    return out;
  });
};

const roleReferences: Rule = (inv) => {
  const nets = inv.networks.map((n) => n.name);
  return inv.roles.flatMap((r, i) =>
    r.services.flatMap((s, j) =>
      s.from !== undefined && !nets.includes(s.from) ? [{ code: 'reference' as const, message: unknownRef('network', s.from, nets), path: ['roles', i, 'services', j, 'from'], ref: s.from }] : [],
    ),
  );
};

const deviceSettings: Rule = (inv) => {
  const nets = new Map(inv.networks.map((n) => [n.name, n]));
  const devices = [
    ...inv.switches.map((d, i) => ({ d, base: ['switches', i] as (string | number)[] })),
    ...inv.upses.map((d, i) => ({ d, base: ['upses', i] as (string | number)[] })),
  ];
  return devices.flatMap(({ d, base }) => {
    const out: Finding[] = [];
    if (d.network !== undefined) {
      const net = nets.get(d.network);
      if (!net) out.push({ code: 'reference', message: unknownRef('network', d.network, [...nets.keys()]), path: [...base, 'network'], ref: d.network });
      else if (!isHostIn(d.address, net.cidr)) out.push({ code: 'range', message: outsideMessage(d.address, net.name, net.cidr), path: [...base, 'address'] });
    }
    const s = d.snmp;
    if (s.version !== '3' && !s.community) out.push({ code: 'schema', message: `SNMP v${s.version} needs a community (a secret reference)`, path: [...base, 'snmp'] });
    if (s.version === '3') {
      if (!s.user) out.push({ code: 'schema', message: 'SNMPv3 needs a user', path: [...base, 'snmp'] });
      if (s.level !== 'noAuthNoPriv' && !s.authKey) out.push({ code: 'schema', message: `SNMPv3 level ${s.level} needs authKey (a secret reference)`, path: [...base, 'snmp'] });
      if (s.level === 'authPriv' && !s.privKey) out.push({ code: 'schema', message: 'SNMPv3 level authPriv needs privKey (a secret reference)', path: [...base, 'snmp'] });
    }
    if (s.timeoutMs * (s.retries + 1) > d.interval * 1000)
      out.push({ code: 'range', message: `timeout ${s.timeoutMs} ms × ${s.retries + 1} tries is longer than the ${d.interval} s poll interval`, path: [...base, 'snmp', 'timeoutMs'] });
    return out;
  });
};

const pbxReferences: Rule = (inv) => {
  const pbx = inv.pbx;
  if (!pbx) return [];
  const out: Finding[] = [];
  const hosts = inv.hosts.map((h) => h.name);
  // A monitoring-only inventory watches a PBX that srw does not provision: pbx.host is just its name.
  if (inv.proxmox && !hosts.includes(pbx.host)) out.push({ code: 'reference', message: unknownRef('host', pbx.host, hosts), path: ['pbx', 'host'], ref: pbx.host });
  const { from, to } = pbx.extensionRange;
  if (from > to) out.push({ code: 'range', message: `extension range starts (${from}) after it ends (${to})`, path: ['pbx', 'extensionRange'] });
  // With the range itself wrong, every extension would be "outside" it: report the range only.
  else pbx.extensions.forEach((e, i) => {
    const n = Number(e.number);
    if (n < from || n > to) out.push({ code: 'range', message: `extension ${e.number} is outside the PBX range ${from}–${to}`, path: ['pbx', 'extensions', i, 'number'] });
  });
  out.push(...diallingConflicts(pbx));
  pbx.dialplanInclude.forEach((ctx, i) => {
    // srw rewrites these contexts on every apply; including one in [internal] would loop or leak trunk routing.
    if (ctx === 'internal' || ctx.startsWith('from-trunk-'))
      out.push({ code: 'reference', message: `"${ctx}" is a context srw writes itself; include only contexts written by hand on the PBX`, path: ['pbx', 'dialplanInclude', i] });
  });
  const numbers = pbx.extensions.map((e) => e.number);
  pbx.trunks.forEach((t, i) => {
    if (!t.inbound) return;
    const base = ['pbx', 'trunks', i, 'inbound'];
    t.inbound.ring.forEach((n, j) => {
      if (!numbers.includes(n)) out.push({ code: 'reference', message: unknownExtension(n, numbers), path: [...base, 'ring', j], ref: n });
    });
    const vm = t.inbound.voicemail;
    if (vm === undefined) return;
    const ext = pbx.extensions.find((e) => e.number === vm);
    if (!ext) out.push({ code: 'reference', message: unknownExtension(vm, numbers), path: [...base, 'voicemail'], ref: vm });
    else if (!ext.voicemail) out.push({ code: 'reference', message: `extension ${vm} (${ext.name}) has no voicemail: set voicemail: true on it or pick another mailbox`, path: [...base, 'voicemail'] });
  });
  if (pbx.ami.admin && pbx.ami.admin.user === pbx.ami.monitor.user)
    out.push({ code: 'duplicate', message: `the admin AMI user must differ from the monitor user "${pbx.ami.monitor.user}"`, path: ['pbx', 'ami', 'admin', 'user'] });
  return out;
};

/** Numbers that shadow outside calls, emergency numbers or each other; ranges that cover an emergency number. */
function diallingConflicts(pbx: NonNullable<Inventory['pbx']>): Finding[] {
  const out: Finding[] = [];
  const { from, to } = pbx.extensionRange;
  const covered = emergencyInRange(from, to);
  if (covered.length > 0)
    out.push({ code: 'range', message: `extension range ${from}–${to} covers the emergency number${covered.length > 1 ? 's' : ''} ${covered.join(', ')}; choose a range without them`, path: ['pbx', 'extensionRange'] });
  const earlier = new Map<string, number>();
  pbx.extensions.forEach((e, i) => {
    const path = ['pbx', 'extensions', i, 'number'];
    const reserved = reservedNumberConflict(e.number);
    if (reserved) out.push({ code: 'range', message: reserved, path });
    const other = overlappingExtension(e.number, earlier.keys());
    if (other !== undefined) out.push({ code: 'duplicate', message: overlapMessage(e.number, other), path, firstPath: ['pbx', 'extensions', earlier.get(other)!, 'number'] });
    if (!earlier.has(e.number)) earlier.set(e.number, i);
  });
  return out;
}

function fmt(path: (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}

const rules: Rule[] = [
  uniqueNames,
  uniqueDeviceNames,
  uniqueAddresses,
  uniqueSnmpAgents,
  networksAreConsistent,
  hostReferences,
  roleReferences,
  deviceSettings,
  pbxReferences,
  portRules,
];

export function crossCheck(inv: Inventory): Finding[] {
  return rules.flatMap((rule) => rule(inv));
}
