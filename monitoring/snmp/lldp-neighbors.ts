// LLDP-MIB rows → LldpNeighbor. lldpRemLocalPortNum is the agent's own port number, which is
// often but not always the ifIndex: match it through lldpLocPortTable names first.
//
// The local port's name follows one rule, whatever other modules are polled (the lldp module
// reads ifName and ifDescr itself): the ifName of the matched interface, else its ifDescr;
// without a matching interface, the LLDP port id when it is a printable name, else the LLDP
// port description, else "port N".
import type { LldpNeighbor } from '../model/device.js';
import { text, type ModuleData, type Row } from './rows.js';
import { displayText } from './text.js';
import { asBytes, asNumber } from './varbind.js';

function macText(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
}

type Local = { ifIndex: number; ifName: string; ifDescr: string };

function localInterfaces(d: ModuleData): Local[] {
  const names = d.tables.get('ifXTable') ?? new Map<string, Row>();
  const descrs = d.tables.get('ifTable') ?? new Map<string, Row>();
  const indexes = [...new Set([...names.keys(), ...descrs.keys()])].filter((i) => /^\d+$/.test(i));
  return indexes
    .map((i) => ({ ifIndex: Number(i), ifName: label(names.get(i)?.get('ifName')), ifDescr: label(descrs.get(i)?.get('ifDescr')) }))
    .sort((a, b) => a.ifIndex - b.ifIndex);
}

/** A DisplayString as a label, without the trailing NULs of C-string agents. */
const label = (vb: Parameters<typeof text>[0]): string => displayText(text(vb) ?? '');

export function lldpFrom(d: ModuleData): LldpNeighbor[] {
  const rem = d.tables.get('lldpRemTable') ?? new Map<string, Row>();
  const loc = d.tables.get('lldpLocPortTable') ?? new Map<string, Row>();
  const interfaces = localInterfaces(d);
  const out: LldpNeighbor[] = [];
  for (const [index, row] of rem) {
    // Standard index: timeMark.localPortNum.remIndex. RouterOS sends a single number
    // (routeros_crs317.snmprec), which names no local port.
    const parts = index.split('.');
    const portNum = parts.length === 3 ? Number(parts[1]) : undefined;
    const l = portNum === undefined ? undefined : loc.get(String(portNum));
    // lldpLocPortId is a name only for subtypes interfaceAlias(1), interfaceName(5), local(7)
    // and when printable: cbs350 sends MAC bytes there without a subtype column.
    const locSubtype = asNumber(l?.get('lldpLocPortIdSubtype'));
    const printable = (t: string | undefined) => (t && /^[\x20-\x7e]+$/.test(t) ? t : undefined);
    const locId = locSubtype === undefined || [1, 5, 7].includes(locSubtype) ? printable(label(l?.get('lldpLocPortId')).trim()) : undefined;
    const locDesc = printable(label(l?.get('lldpLocPortDesc')).trim());
    // By name first; else the common convention that the LLDP port number is the ifIndex
    // (zynos_gs1900-fdb and junos_qfx5100 name their LLDP ports by that number).
    const match =
      interfaces.find((i) => (locId && (i.ifName === locId || i.ifDescr === locId)) || (locDesc && (i.ifName === locDesc || i.ifDescr === locDesc))) ??
      interfaces.find((i) => i.ifIndex === portNum);
    // portIdSubtype macAddress(3): six raw bytes, not text.
    const idBytes = asBytes(row.get('lldpRemPortId'));
    const remotePortId = asNumber(row.get('lldpRemPortIdSubtype')) === 3 && idBytes?.length === 6 ? macText(idBytes) : label(row.get('lldpRemPortId'));
    const n: LldpNeighbor = {
      localPort: match?.ifName || match?.ifDescr || locId || locDesc || (portNum === undefined ? `unknown (index ${index})` : `port ${portNum}`),
      remoteSystem: label(row.get('lldpRemSysName')),
      remotePortId,
      remotePortDesc: label(row.get('lldpRemPortDesc')),
    };
    if (match) n.localIfIndex = match.ifIndex;
    out.push(n);
  }
  return out;
}
