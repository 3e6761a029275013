// LLDP-MIB rows → LldpNeighbor. lldpRemLocalPortNum is the agent's own port number, which is
// often but not always the ifIndex: match it through lldpLocPortTable names first.
import type { InterfaceRow, LldpNeighbor } from '../model/device.js';
import { text, type ModuleData } from './rows.js';
import { asBytes, asNumber } from './varbind.js';

function macText(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');
}

export function lldpFrom(d: ModuleData, interfaces: readonly InterfaceRow[]): LldpNeighbor[] {
  const rem = d.tables.get('lldpRemTable') ?? new Map();
  const loc = d.tables.get('lldpLocPortTable') ?? new Map();
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
    const locId = locSubtype === undefined || [1, 5, 7].includes(locSubtype) ? printable(text(l?.get('lldpLocPortId'))?.trim()) : undefined;
    const locDesc = printable(text(l?.get('lldpLocPortDesc'))?.trim());
    // By name first; else the common convention that the LLDP port number is the ifIndex
    // (zynos_gs1900-fdb and junos_qfx5100 name their LLDP ports by that number).
    const match =
      interfaces.find((i) => (locId && (i.ifName === locId || i.ifDescr === locId)) || (locDesc && (i.ifName === locDesc || i.ifDescr === locDesc))) ??
      interfaces.find((i) => i.ifIndex === portNum);
    // portIdSubtype macAddress(3): six raw bytes, not text.
    const idBytes = asBytes(row.get('lldpRemPortId'));
    const remotePortId =
      asNumber(row.get('lldpRemPortIdSubtype')) === 3 && idBytes?.length === 6 ? macText(idBytes) : (text(row.get('lldpRemPortId')) ?? '');
    const n: LldpNeighbor = {
      localPort: match?.ifName || match?.ifDescr || locId || locDesc || (portNum === undefined ? `unknown (index ${index})` : `port ${portNum}`),
      remoteSystem: text(row.get('lldpRemSysName')) ?? '',
      remotePortId,
      remotePortDesc: text(row.get('lldpRemPortDesc')) ?? '',
    };
    if (match) n.localIfIndex = match.ifIndex;
    out.push(n);
  }
  return out;
}
