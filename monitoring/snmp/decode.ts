// The one interpreter: varbinds + module descriptions → rows → DeviceSnapshot parts. Pure.
import type { DeviceSnapshot, EntityInfo, SystemInfo } from '../model/device.js';
import type { ModuleSpec } from './modules/spec.js';
import { collect, dropInvalid, text, type Fetched, type ModuleData } from './rows.js';
import { asNumber } from './varbind.js';
import { interfacesFrom } from './interfaces.js';
import { upsFrom } from './ups.js';
import { lldpFrom } from './lldp-neighbors.js';

export type { Fetched } from './rows.js';

export type SnapshotParts = Partial<Pick<DeviceSnapshot, 'system' | 'entity' | 'ups' | 'sysUpTime' | 'ifNumber' | 'rejectedVarbinds'>> &
  Pick<DeviceSnapshot, 'interfaces' | 'lldp'> & {
    /** One line per varbind dropped as out of range (OID and why), for the poller's log. */
    rejected: string[];
  };

function systemFrom(d: ModuleData): SystemInfo | undefined {
  const s = d.scalars;
  if (s.size === 0) return undefined;
  return {
    // Multi-line sysDescr is normal (ios_2960x.snmprec has \r\n inside); keep it as sent.
    sysDescr: text(s.get('sysDescr')) ?? '',
    sysObjectID: text(s.get('sysObjectID')) ?? '',
    sysName: text(s.get('sysName')) ?? '',
    sysLocation: text(s.get('sysLocation')) ?? '',
    sysUpTime: asNumber(s.get('sysUpTime')) ?? 0,
  };
}

function entityFrom(d: ModuleData): EntityInfo | undefined {
  const rows = [...(d.tables.get('entPhysicalTable')?.values() ?? [])];
  // chassis(3) is the box itself; stacks have several, the first is the stack's master.
  const chassis = rows.find((r) => asNumber(r.get('entPhysicalClass')) === 3) ?? rows[0];
  if (!chassis) return undefined;
  const pick = (f: string) => text(chassis.get(f))?.trim() || undefined;
  const e: EntityInfo = {};
  const model = pick('entPhysicalModelName') ?? pick('entPhysicalDescr');
  const serial = pick('entPhysicalSerialNum');
  const firmware = pick('entPhysicalSoftwareRev') ?? pick('entPhysicalFirmwareRev');
  if (model) e.model = model;
  if (serial) e.serial = serial;
  if (firmware) e.firmware = firmware;
  return e;
}

export function decodeSnapshot(specs: readonly ModuleSpec[], raw: Fetched): SnapshotParts {
  // Malformed values go first, one varbind at a time: the rest of the device still decodes.
  const { fetched, rejected } = dropInvalid(raw);
  const data = new Map(specs.map((s) => [s.name, collect(s, fetched)]));
  const parts: SnapshotParts = { interfaces: [], lldp: [], rejected };
  for (const [name, d] of data) for (let i = 0; i < d.rejected; i++) rejected.push(`${name}: value outside the MIB's range`);
  if (rejected.length) parts.rejectedVarbinds = rejected.length;
  const system = data.get('system');
  if (system) {
    const s = systemFrom(system);
    if (s) parts.system = s;
  }
  const ifMib = data.get('if_mib');
  if (ifMib) {
    parts.interfaces = interfacesFrom(ifMib);
    const up = asNumber(ifMib.scalars.get('sysUpTime'));
    const n = asNumber(ifMib.scalars.get('ifNumber'));
    if (up !== undefined) parts.sysUpTime = up;
    if (n !== undefined) parts.ifNumber = n;
  }
  if (parts.sysUpTime === undefined && parts.system) parts.sysUpTime = parts.system.sysUpTime;
  const entity = data.get('entity');
  if (entity) {
    const e = entityFrom(entity);
    if (e) parts.entity = e;
  }
  const lldp = data.get('lldp');
  if (lldp) parts.lldp = lldpFrom(lldp);
  const ups = upsFrom(data.get('ups-mib'), data.get('apc-powernet'), data.get('eaton-xups'));
  if (ups) {
    // An APC card names its own firmware only in sysDescr (apc_smt750x-nmc2.snmprec:
    // "… PF:v7.0.8 … AF1:v7.0.8 …": platform and application).
    const apcCard = /\bPF:(v[\w.]+).*\bAF1:(v[\w.]+)/.exec(parts.system?.sysDescr ?? '');
    if (ups.status.source === 'apc-powernet' && apcCard) ups.status.agentVersion = `AOS ${apcCard[1]}, application ${apcCard[2]}`;
    if (!ups.entity.firmware && ups.status.agentVersion) ups.entity.firmware = ups.status.agentVersion;
    parts.ups = ups.status;
    if (!parts.entity && ups.entity) parts.entity = ups.entity;
  }
  return parts;
}
