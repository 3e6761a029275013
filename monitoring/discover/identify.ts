// What one answering agent says about itself, in as few requests as possible: one GET of the
// system, interface-count and UPS identity scalars, then one bounded walk of four columns
// (ifType, entPhysicalClass, entPhysicalModelName, lldpRemSysName). A column the agent lacks
// costs nothing; a walk that fails (timeout, an agent looping) leaves a note and the facts
// already known, so one odd agent still shows up with its name and model.
import { getScalars, walkColumns } from '../snmp/walk.js';
import { SnmpError, type SnmpSource } from '../snmp/source.js';
import { decodeText, displayText } from '../snmp/text.js';
import type { Varbind } from '../snmp/varbind.js';
import { vendorOf } from './vendors.js';

export const OID = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  ifNumber: '1.3.6.1.2.1.2.1.0',
  upsIdentManufacturer: '1.3.6.1.2.1.33.1.1.1.0',
  upsIdentModel: '1.3.6.1.2.1.33.1.1.2.0',
  /** PowerNet-MIB (APC) upsBasicIdentModel. */
  upsBasicIdentModel: '1.3.6.1.4.1.318.1.1.1.1.1.1.0',
  ifType: '1.3.6.1.2.1.2.2.1.3',
  entPhysicalClass: '1.3.6.1.2.1.47.1.1.1.1.5',
  entPhysicalModelName: '1.3.6.1.2.1.47.1.1.1.1.13',
  lldpRemSysName: '1.0.8802.1.1.2.1.4.1.1.9',
} as const;

/** ethernetCsmacd, fastEther, fastEtherFX, gigabitEthernet (IANAifType-MIB). */
const ETHERNET_IFTYPES = new Set([6, 62, 69, 117]);
const ENT_CHASSIS = 3;
/** Longest text kept from one value: sysDescr runs to a few hundred bytes on real devices. */
const MAX_TEXT = 255;
const MAX_NEIGHBOURS = 64;

export type DeviceType = 'switch' | 'ups';
export type ModelSource = 'entPhysicalModelName' | 'upsBasicIdentModel' | 'upsIdentModel' | 'sysDescr' | 'sysObjectID';

export type DeviceFacts = {
  type: DeviceType;
  vendor?: string;
  model?: string;
  modelSource?: ModelSource;
  sysObjectID?: string;
  sysDescr?: string;
  sysName?: string;
  /** Ethernet interfaces (ifType), or ifNumber when the interface table could not be read. */
  ports?: number;
  ifNumber?: number;
  upsManufacturer?: string;
  /** Distinct LLDP neighbour system names (lldpRemSysName), sorted. */
  lldpNeighbours: string[];
  /** What could not be read, and what was odd (a value of the wrong type). */
  notes: string[];
};

function text(vb: Varbind | undefined, name: string, notes: string[]): string | undefined {
  if (!vb) return undefined;
  if (!(vb.value instanceof Uint8Array)) {
    notes.push(`${name} is not text (type ${vb.type}); ignored`);
    return undefined;
  }
  const s = displayText(decodeText(vb.value)).trim();
  return s === '' ? undefined : s.slice(0, MAX_TEXT);
}

function int(vb: Varbind | undefined, name: string, notes: string[]): number | undefined {
  if (!vb) return undefined;
  if (typeof vb.value !== 'number' || !Number.isInteger(vb.value)) {
    notes.push(`${name} is not an integer (type ${vb.type}); ignored`);
    return undefined;
  }
  return vb.value;
}

function reason(e: unknown): string {
  return e instanceof SnmpError ? e.message : e instanceof Error ? e.message : String(e);
}

export async function identify(src: SnmpSource, signal?: AbortSignal): Promise<DeviceFacts> {
  const notes: string[] = [];
  const scalars = await getScalars(src, Object.values(OID).filter((o) => o.endsWith('.0')), signal);
  const get = (oid: string) => scalars.get(oid);
  const oidVb = get(OID.sysObjectID);
  let sysObjectID: string | undefined;
  if (oidVb && oidVb.type === 'oid' && typeof oidVb.value === 'string') sysObjectID = oidVb.value;
  else if (oidVb) notes.push(`sysObjectID is not an OID (type ${oidVb.type}); ignored`);
  const sysDescr = text(get(OID.sysDescr), 'sysDescr', notes);
  const sysName = text(get(OID.sysName), 'sysName', notes);
  const ifNumber = int(get(OID.ifNumber), 'ifNumber', notes);
  const upsManufacturer = text(get(OID.upsIdentManufacturer), 'upsIdentManufacturer', notes);
  const upsIdentModel = text(get(OID.upsIdentModel), 'upsIdentModel', notes);
  const apcModel = text(get(OID.upsBasicIdentModel), 'upsBasicIdentModel', notes);
  const isUps = upsManufacturer !== undefined || apcModel !== undefined;

  let columns = new Map<string, Varbind[]>();
  try {
    const walked = await walkColumns(src, [OID.ifType, OID.entPhysicalClass, OID.entPhysicalModelName, OID.lldpRemSysName], {
      maxRepetitions: 25,
      limits: {},
      parallel: 2,
      // A few thousand interfaces and entities at most on a real stack; an agent that answers
      // more is looping.
      maxVarbinds: 40_000,
      maxRequests: 2_000,
      ...(signal ? { signal } : {}),
    });
    columns = walked.columns;
  } catch (e) {
    if (signal?.aborted) throw e;
    notes.push(`interface, entity and LLDP tables not read: ${reason(e)}`);
  }
  const col = (root: string) => columns.get(root) ?? [];
  const index = (root: string, vb: Varbind) => vb.oid.slice(root.length + 1);

  const ifTypes = col(OID.ifType).filter((vb) => typeof vb.value === 'number');
  const ethernet = ifTypes.filter((vb) => ETHERNET_IFTYPES.has(vb.value as number)).length;
  const ports = ethernet > 0 ? ethernet : ifNumber;

  const classes = new Map(col(OID.entPhysicalClass).map((vb) => [index(OID.entPhysicalClass, vb), vb.value]));
  const models = col(OID.entPhysicalModelName)
    .map((vb) => ({ index: index(OID.entPhysicalModelName, vb), name: vb.value instanceof Uint8Array ? displayText(decodeText(vb.value)).trim().slice(0, MAX_TEXT) : '' }))
    .filter((m) => m.name !== '');
  // The chassis names the product; a stack or a modular switch also lists modules and PSUs.
  const entityModel = (models.find((m) => classes.get(m.index) === ENT_CHASSIS) ?? models[0])?.name;

  const neighbours = new Set<string>();
  for (const vb of col(OID.lldpRemSysName)) {
    if (!(vb.value instanceof Uint8Array)) continue;
    const name = displayText(decodeText(vb.value)).trim();
    if (name !== '' && neighbours.size < MAX_NEIGHBOURS) neighbours.add(name.slice(0, MAX_TEXT));
  }

  let model: string | undefined;
  let modelSource: ModelSource | undefined;
  const pick = (value: string | undefined, source: ModelSource) => {
    if (model === undefined && value !== undefined) {
      model = value;
      modelSource = source;
    }
  };
  pick(entityModel, 'entPhysicalModelName');
  pick(apcModel, 'upsBasicIdentModel');
  pick(upsIdentModel, 'upsIdentModel');
  pick(sysDescr?.split(/\r?\n/)[0]?.trim() || undefined, 'sysDescr');
  pick(sysObjectID, 'sysObjectID');

  const vendor = vendorOf(sysObjectID);
  return {
    type: isUps ? 'ups' : 'switch',
    ...(vendor ? { vendor } : {}),
    ...(model ? { model, modelSource: modelSource! } : {}),
    ...(sysObjectID ? { sysObjectID } : {}),
    ...(sysDescr ? { sysDescr } : {}),
    ...(sysName ? { sysName } : {}),
    ...(ports !== undefined ? { ports } : {}),
    ...(ifNumber !== undefined ? { ifNumber } : {}),
    ...(upsManufacturer ? { upsManufacturer } : {}),
    lldpNeighbours: [...neighbours].sort(),
    notes,
  };
}
