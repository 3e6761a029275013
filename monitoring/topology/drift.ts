// Drift: the LLDP neighbours now against what they should be — the inventory's expected
// neighbour of a port (switches[].ports[].neighbour), access ports (where any neighbour is a
// rogue device), and a baseline saved with `srw topology save`. Only devices whose LLDP was
// polled and that answered their last poll are judged, so a switch that is down does not turn
// every one of its cables into "missing".
import type { DeviceSnapshot, LldpNeighbor } from '../model/device.js';
import type { PortRole } from '../../infra/inventory/index.js';
import { printable } from '../events/printable.js';
import { portKey } from './graph.js';

export type ExpectedPort = { device: string; port: string; role: PortRole; neighbour?: { sysName: string; portId?: string } };

export type BaselineLink = { device: string; port: string; sysName: string; portId: string };
export type Baseline = { savedAt: string; links: BaselineLink[] };

export type DriftKind = 'missing' | 'changed' | 'new';

export type Drift = {
  device: string;
  port: string;
  kind: DriftKind;
  /** Which expectation was broken. */
  source: 'inventory' | 'baseline';
  expected?: { sysName: string; portId?: string };
  found?: { sysName: string; portId: string };
  summary: string;
};

const sameSystem = (a: string, b: string) => {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  return x === y || x.split('.')[0] === y.split('.')[0];
};

function neighboursOn(d: DeviceSnapshot, port: string): LldpNeighbor[] {
  const k = portKey(port);
  const row = d.interfaces.find((i) => portKey(i.ifName) === k || portKey(i.ifDescr) === k);
  return d.lldp.filter((n) => portKey(n.localPort) === k || (row !== undefined && n.localIfIndex === row.ifIndex));
}

const found = (n: LldpNeighbor) => ({ sysName: printable(n.remoteSystem || '(unnamed)'), portId: printable(n.remotePortId || n.remotePortDesc) });
const fmt = (x: { sysName: string; portId?: string }) => `${x.sysName}${x.portId ? ` ${x.portId}` : ''}`;

function portMatches(n: LldpNeighbor, portId: string | undefined): boolean {
  if (!portId) return true;
  return portKey(n.remotePortId) === portKey(portId) || portKey(n.remotePortDesc) === portKey(portId);
}

/** Baseline of the current neighbours of every judged device (what `srw topology save` writes). */
export function baselineOf(devices: readonly DeviceSnapshot[], lldpDevices: ReadonlySet<string>, now: Date): Baseline {
  const links = devices
    .filter((d) => d.type === 'switch' && d.status === 'ok' && lldpDevices.has(d.name))
    .flatMap((d) => d.lldp.map((n) => ({ device: d.name, port: printable(n.localPort), ...found(n) })));
  return { savedAt: now.toISOString(), links };
}

export function detectDrift(devices: readonly DeviceSnapshot[], lldpDevices: ReadonlySet<string>, expected: readonly ExpectedPort[], baseline?: Baseline): Drift[] {
  const out: Drift[] = [];
  const judged = new Map(devices.filter((d) => d.type === 'switch' && d.status === 'ok' && lldpDevices.has(d.name)).map((d) => [d.name, d]));
  const covered = new Set<string>();
  const portId = (device: string, port: string) => `${device}\0${portKey(port)}`;

  for (const e of expected) {
    const d = judged.get(e.device);
    if (!d) continue;
    covered.add(portId(e.device, e.port));
    const here = neighboursOn(d, e.port);
    if (e.neighbour) {
      const want = e.neighbour;
      if (here.some((n) => sameSystem(n.remoteSystem, want.sysName) && portMatches(n, want.portId))) continue;
      if (here.length === 0) out.push({ device: d.name, port: e.port, kind: 'missing', source: 'inventory', expected: want, summary: `${e.port}: expected neighbour ${fmt(want)} is missing` });
      else {
        const f = found(here[0]!);
        out.push({ device: d.name, port: e.port, kind: 'changed', source: 'inventory', expected: want, found: f, summary: `${e.port}: expected ${fmt(want)}, found ${fmt(f)}` });
      }
    } else if (e.role === 'access') {
      for (const n of here) {
        const f = found(n);
        out.push({ device: d.name, port: e.port, kind: 'new', source: 'inventory', found: f, summary: `${e.port}: new neighbour ${fmt(f)} on an access port (rogue device?)` });
      }
    }
  }

  if (baseline) {
    const byPort = new Map<string, BaselineLink[]>();
    for (const b of baseline.links) {
      if (!judged.has(b.device) || covered.has(portId(b.device, b.port))) continue;
      const k = portId(b.device, b.port);
      byPort.set(k, [...(byPort.get(k) ?? []), b]);
    }
    for (const [k, was] of byPort) {
      const { device, port } = was[0]!;
      const here = neighboursOn(judged.get(device)!, port);
      for (const b of was) {
        if (here.some((n) => sameSystem(n.remoteSystem, b.sysName) && portMatches(n, b.portId))) continue;
        const other = here.find((n) => !was.some((w) => sameSystem(n.remoteSystem, w.sysName) && portMatches(n, w.portId)));
        const want = { sysName: b.sysName, portId: b.portId };
        if (other) {
          const f = found(other);
          out.push({ device, port, kind: 'changed', source: 'baseline', expected: want, found: f, summary: `${port}: was ${fmt(want)}, now ${fmt(f)}` });
        } else out.push({ device, port, kind: 'missing', source: 'baseline', expected: want, summary: `${port}: neighbour ${fmt(want)} (in the baseline) is missing` });
      }
      covered.add(k);
    }
    for (const d of judged.values()) {
      for (const n of d.lldp) {
        const k = portId(d.name, n.localPort);
        if (covered.has(k)) {
          // A port in the baseline with a neighbour added beside the known ones.
          const was = byPort.get(k);
          if (!was || was.some((w) => sameSystem(n.remoteSystem, w.sysName) && portMatches(n, w.portId))) continue;
          if (out.some((x) => x.device === d.name && portKey(x.port) === portKey(n.localPort) && x.kind === 'changed')) continue;
        }
        const f = found(n);
        out.push({ device: d.name, port: printable(n.localPort), kind: 'new', source: 'baseline', found: f, summary: `${printable(n.localPort)}: new neighbour ${fmt(f)} (not in the baseline)` });
      }
    }
  }
  return out;
}

/** The inventory's port expectations, flattened. */
export function expectedPorts(switches: readonly { name: string; ports?: readonly { name: string; role: PortRole; neighbour?: { sysName: string; portId?: string } }[] }[]): ExpectedPort[] {
  return switches.flatMap((s) => (s.ports ?? []).map((p) => ({ device: s.name, port: p.name, role: p.role, ...(p.neighbour ? { neighbour: p.neighbour } : {}) })));
}
