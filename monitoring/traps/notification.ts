// A received trap or inform as plain data, whatever SNMP version carried it. SNMPv1 Trap-PDUs
// are mapped to the SNMPv2 form as RFC 3584 §3.1 does (generic 0–5 → snmpTraps.N+1, generic 6 →
// enterprise.0.specific), so that one table of names covers both, and snmptrapd's output agrees.
import { fromRaw } from '../snmp/session.js';
import { decodeText } from '../snmp/text.js';
import type { Varbind } from '../snmp/varbind.js';
import { printable } from '../events/printable.js';
import { ENUMS, NOTIFICATIONS, objectOf, UPS_ALARMS, type NotificationInfo, type Severity } from './names.js';

export type TrapVersion = '1' | '2c' | '3';

export type TrapVarbind = {
  oid: string;
  /** Object name from srw's table (ifOperStatus, upsAlarmDescr, …), else undefined. */
  name?: string;
  /** Row index (ifIndex for IF-MIB columns), "0" for scalars. */
  instance?: string;
  /** The value as text, already made printable: enum names as "down(2)", strings decoded, OIDs named when known. */
  value: string;
};

export type Notification = {
  /** Epoch ms when srw received it. */
  at: number;
  /** Inventory name of the sender. */
  device: string;
  source: string;
  version: TrapVersion;
  pdu: 'trap' | 'inform';
  /** snmpTrapOID (v2 form, also for v1). */
  oid: string;
  /** Readable name (linkDown, upsOnBattery, …), else the OID. */
  name: string;
  known: boolean;
  severity: Severity;
  about: NotificationInfo['about'] | 'unknown';
  /** The agent's sysUpTime (hundredths) when it sent the trap. */
  uptime?: number;
  varbinds: TrapVarbind[];
  /** For linkUp/linkDown: the port it is about. */
  ifIndex?: number;
  /** Text a person reads: "linkDown Gi1/0/3 (ifIndex 3) admin up, oper down". */
  summary: string;
};

/** net-snmp's callback data, as far as srw reads it. */
export type RawTrapPdu = {
  type: number;
  enterprise?: string;
  agentAddr?: string;
  generic?: number;
  specific?: number;
  upTime?: number;
  varbinds: { oid: string; type: number; value: unknown }[];
};

const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
const TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
const PDU_INFORM = 166;

/** RFC 3584 §3.1 (1): the snmpTrapOID of an SNMPv1 trap. */
export function v1TrapOid(enterprise: string, generic: number, specific: number): string {
  return generic >= 0 && generic <= 5 ? `1.3.6.1.6.3.1.1.5.${generic + 1}` : `${enterprise}.0.${specific}`;
}

function valueText(name: string | undefined, vb: Varbind): string {
  const v = vb.value;
  if (v === null) return vb.type;
  if (v instanceof Uint8Array) return printable(decodeText(v));
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    const label = name ? ENUMS[name]?.[v] : undefined;
    return label ? `${label}(${v})` : String(v);
  }
  if (vb.type === 'oid') {
    const known = UPS_ALARMS.get(v) ?? NOTIFICATIONS.get(v)?.name;
    return known ?? printable(v);
  }
  return printable(String(v));
}

function summaryOf(name: string, vbs: TrapVarbind[], ifIndex: number | undefined): string {
  const get = (n: string) => vbs.find((v) => v.name === n)?.value;
  const parts = [name];
  if (ifIndex !== undefined) {
    const label = get('ifName') ?? get('ifDescr');
    parts.push(label ? `${label} (ifIndex ${ifIndex})` : `ifIndex ${ifIndex}`);
    const admin = get('ifAdminStatus');
    const oper = get('ifOperStatus');
    if (admin) parts.push(`admin ${admin.replace(/\(\d+\)$/, '')}`);
    if (oper) parts.push(`oper ${oper.replace(/\(\d+\)$/, '')}`);
  }
  for (const n of ['upsAlarmDescr', 'upsEstimatedMinutesRemaining', 'upsTestResultsSummary', 'upsTestResultsDetail', 'mtrapargsString']) {
    const v = get(n);
    if (v) parts.push(n === 'upsEstimatedMinutesRemaining' ? `${v} min remaining` : v);
  }
  return printable(parts.join(' '), 300);
}

/** Turns net-snmp's PDU into a Notification; never throws on odd content (values are shown as they came). */
export function decodeNotification(raw: RawTrapPdu, meta: { at: number; device: string; source: string; version: TrapVersion }): Notification {
  const vbs = (Array.isArray(raw.varbinds) ? raw.varbinds : []).map(fromRaw);
  let oid: string;
  let uptime: number | undefined;
  let rest: Varbind[];
  if (meta.version === '1') {
    oid = v1TrapOid(String(raw.enterprise ?? ''), Number(raw.generic ?? -1), Number(raw.specific ?? 0));
    uptime = typeof raw.upTime === 'number' ? raw.upTime : undefined;
    rest = vbs;
  } else {
    const up = vbs.find((v) => v.oid === SYS_UPTIME);
    const t = vbs.find((v) => v.oid === TRAP_OID);
    oid = t && typeof t.value === 'string' ? t.value : '';
    uptime = up && typeof up.value === 'number' ? up.value : undefined;
    rest = vbs.filter((v) => v !== up && v !== t);
  }
  const info = NOTIFICATIONS.get(oid);
  const varbinds: TrapVarbind[] = rest.map((vb) => {
    const obj = objectOf(vb.oid);
    return { oid: printable(vb.oid), ...(obj ? { name: obj.name, instance: obj.instance } : {}), value: valueText(obj?.name, vb) };
  });
  let ifIndex: number | undefined;
  if (info?.about === 'port') {
    const ix = varbinds.find((v) => v.name === 'ifIndex');
    const fromValue = ix ? Number.parseInt(ix.value, 10) : NaN;
    const fromInstance = Number(varbinds.find((v) => v.name?.startsWith('if') && v.instance)?.instance);
    const n = Number.isInteger(fromValue) ? fromValue : fromInstance;
    if (Number.isInteger(n) && n > 0) ifIndex = n;
  }
  const name = info?.name ?? (printable(oid) || 'malformed (no snmpTrapOID)');
  return {
    at: meta.at,
    device: meta.device,
    source: meta.source,
    version: meta.version,
    pdu: raw.type === PDU_INFORM ? 'inform' : 'trap',
    oid: printable(oid),
    name,
    known: info !== undefined,
    severity: info?.severity ?? 'info',
    about: info?.about ?? 'unknown',
    ...(uptime !== undefined ? { uptime } : {}),
    varbinds,
    ...(ifIndex !== undefined ? { ifIndex } : {}),
    summary: summaryOf(name, varbinds, ifIndex),
  };
}
