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
    const portNum = Number(index.split('.')[1]);
    const l = loc.get(String(portNum));
    // lldpLocPortId is a name only for subtypes interfaceAlias(1), interfaceName(5), local(7);
    // cbs350 sends macAddress(3) bytes there, which are no name.
    const locSubtype = asNumber(l?.get('lldpLocPortIdSubtype'));
    const locId = locSubtype === undefined || [1, 5, 7].includes(locSubtype) ? text(l?.get('lldpLocPortId'))?.trim() : undefined;
    const locDesc = text(l?.get('lldpLocPortDesc'))?.trim();
    const match =
      interfaces.find((i) => (locId && (i.ifName === locId || i.ifDescr === locId)) || (locDesc && i.ifDescr === locDesc)) ??
      (l === undefined ? interfaces.find((i) => i.ifIndex === portNum) : undefined);
    // portIdSubtype macAddress(3): six raw bytes, not text.
    const idBytes = asBytes(row.get('lldpRemPortId'));
    const remotePortId =
      asNumber(row.get('lldpRemPortIdSubtype')) === 3 && idBytes?.length === 6 ? macText(idBytes) : (text(row.get('lldpRemPortId')) ?? '');
    const n: LldpNeighbor = {
      localPort: match?.ifName || locId || locDesc || `port ${portNum}`,
      remoteSystem: text(row.get('lldpRemSysName')) ?? '',
      remotePortId,
      remotePortDesc: text(row.get('lldpRemPortDesc')) ?? '',
    };
    if (match) n.localIfIndex = match.ifIndex;
    out.push(n);
  }
  return out;
}
