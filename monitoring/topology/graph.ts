// The wiring of the server room as LLDP tells it: every switch's LLDP neighbours (already in
// the published MonitoringState) joined into one graph. Each cable is seen from both ends when
// both are inventory switches polled with LLDP; the two halves are paired, and a link whose ends
// disagree (the far switch does not list us, or lists us on other ports) is marked.
import type { DeviceSnapshot, InterfaceRow, LldpNeighbor } from '../model/device.js';
import { printable } from '../events/printable.js';

export type TopologyNode = { name: string; inventory: boolean; model?: string };

/** agree: both ends list each other on matching ports; mismatch: they list each other on other
 *  ports; one-sided: the far end is an inventory switch polled with LLDP that does not list us;
 *  unverified: the far end is not an inventory switch with LLDP data (a phone, an AP, a server). */
export type LinkAgreement = 'agree' | 'mismatch' | 'one-sided' | 'unverified';

export type TopologyLink = {
  a: string;
  aPort: string;
  b: string;
  /** The far port as the near end's LLDP names it (port ID, else description). */
  bPort: string;
  agreement: LinkAgreement;
  /** For mismatch/one-sided: what the far end says, in words. */
  note?: string;
};

export type Topology = { nodes: TopologyNode[]; links: TopologyLink[] };

const ABBREVIATIONS: [RegExp, string][] = [
  [/^hundredgig(abit)?e(thernet)?/, 'hu'],
  [/^fortygig(abit)?e(thernet)?/, 'fo'],
  [/^twentyfivegig(abit)?e(thernet)?/, 'twe'],
  [/^tengig(abit)?e(thernet)?/, 'te'],
  [/^gigabitethernet/, 'gi'],
  [/^fastethernet/, 'fa'],
  [/^ethernet/, 'eth'],
  [/^port/, ''],
];

/** A port name compared loosely: case, spaces and the long/short interface prefixes (Gi1/0/1 = GigabitEthernet1/0/1). */
export function portKey(s: string): string {
  let k = s.toLowerCase().replace(/\s+/g, '');
  for (const [re, short] of ABBREVIATIONS) k = k.replace(re, short);
  return k;
}

const macKey = (s: string) => s.toLowerCase().replace(/[^0-9a-f]/g, '');

/** Whether `id` (as another device's LLDP names it) is this row of ours. */
export function isOurPort(id: string, row: InterfaceRow | undefined, localPort: string): boolean {
  if (!id) return false;
  const k = portKey(id);
  if (k === portKey(localPort)) return true;
  if (!row) return false;
  if (k === portKey(row.ifName) || k === portKey(row.ifDescr) || (row.ifAlias && k === portKey(row.ifAlias)) || id === String(row.ifIndex)) return true;
  const mac = row.mib?.ifPhysAddress;
  return typeof mac === 'string' && macKey(mac).length === 12 && macKey(id) === macKey(mac);
}

/** Device names by every name LLDP may use for them: inventory name, sysName, and both without a domain. */
export function nameIndex(devices: readonly DeviceSnapshot[]): (remote: string) => DeviceSnapshot | undefined {
  const by = new Map<string, DeviceSnapshot>();
  const add = (k: string | undefined, d: DeviceSnapshot) => {
    if (!k) return;
    const l = k.toLowerCase();
    if (!by.has(l)) by.set(l, d);
    const short = l.split('.')[0]!;
    if (short && !by.has(short)) by.set(short, d);
  };
  for (const d of devices) add(d.name, d);
  for (const d of devices) add(d.system?.sysName, d);
  return (remote) => {
    const l = remote.trim().toLowerCase();
    return by.get(l) ?? by.get(l.split('.')[0]!);
  };
}

type Half = { from: DeviceSnapshot; n: LldpNeighbor; to?: DeviceSnapshot; used: boolean };

const rowOf = (d: DeviceSnapshot, n: LldpNeighbor) =>
  d.interfaces.find((i) => (n.localIfIndex !== undefined ? i.ifIndex === n.localIfIndex : portKey(i.ifName) === portKey(n.localPort)));

/** `lldpDevices`: names of the devices whose LLDP was polled (only their silence means something). */
export function buildTopology(devices: readonly DeviceSnapshot[], lldpDevices: ReadonlySet<string>): Topology {
  const resolve = nameIndex(devices);
  const switches = devices.filter((d) => d.type === 'switch');
  const halves: Half[] = switches.flatMap((d) => d.lldp.map((n) => ({ from: d, n, to: resolve(n.remoteSystem), used: false })));
  const nodes = new Map<string, TopologyNode>(switches.map((d) => [d.name, { name: d.name, inventory: true, model: d.model }]));
  const links: TopologyLink[] = [];
  const heard = (d: DeviceSnapshot) => lldpDevices.has(d.name) && d.status === 'ok';

  for (const h of halves) {
    if (h.used) continue;
    h.used = true;
    const a = h.from.name;
    const aPort = printable(h.n.localPort);
    const bPort = printable(h.n.remotePortId || h.n.remotePortDesc);
    const to = h.to;
    if (!to || to.name === a) {
      const b = printable(h.n.remoteSystem || h.n.remotePortId || '(unnamed)');
      if (!nodes.has(b)) nodes.set(b, { name: b, inventory: false });
      links.push({ a, aPort, b, bPort, agreement: 'unverified' });
      continue;
    }
    if (!nodes.has(to.name)) nodes.set(to.name, { name: to.name, inventory: true, model: to.model });
    // The far end's halves that point back at us.
    const back = halves.filter((x) => !x.used && x.from === to && x.to === h.from);
    const thisRow = rowOf(h.from, h.n);
    const match = back.find((x) => isOurPort(x.n.remotePortId, thisRow, h.n.localPort) || isOurPort(x.n.remotePortDesc, thisRow, h.n.localPort));
    const exact = match && (isOurPort(h.n.remotePortId, rowOf(to, match.n), match.n.localPort) || isOurPort(h.n.remotePortDesc, rowOf(to, match.n), match.n.localPort));
    if (match && exact) {
      match.used = true;
      links.push({ a, aPort, b: to.name, bPort: printable(match.n.localPort), agreement: 'agree' });
    } else if (match || back.length > 0) {
      const other = match ?? back[0]!;
      other.used = true;
      links.push({
        a,
        aPort,
        b: to.name,
        bPort,
        agreement: 'mismatch',
        note: `${to.name} lists ${a} on its ${printable(other.n.localPort)} (far port ${printable(other.n.remotePortId || other.n.remotePortDesc)})`,
      });
    } else if (heard(to)) {
      links.push({ a, aPort, b: to.name, bPort, agreement: 'one-sided', note: `${to.name} lists no LLDP neighbour ${a}` });
    } else {
      links.push({ a, aPort, b: to.name, bPort, agreement: 'unverified', note: `${to.name} has no LLDP data` });
    }
  }
  return { nodes: [...nodes.values()], links };
}

export const disagrees = (l: TopologyLink): boolean => l.agreement === 'mismatch' || l.agreement === 'one-sided';
