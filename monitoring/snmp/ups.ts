// UPS-MIB (RFC 1628) or APC PowerNet → UpsStatus. A UPS answers one of them; RFC 1628 wins
// when both answer, because its units are defined by the standard.
import type { EntityInfo, UpsBatteryStatus, UpsStatus } from '../model/device.js';
import { text, type ModuleData } from './rows.js';
import { asNumber } from './varbind.js';

const rfcBattery: Record<number, UpsBatteryStatus> = { 1: 'unknown', 2: 'normal', 3: 'low', 4: 'depleted' };
// PowerNet upsBasicBatteryStatus: 4 is batteryInFaultCondition, closest to depleted.
const apcBattery: Record<number, UpsBatteryStatus> = { 1: 'unknown', 2: 'normal', 3: 'low', 4: 'depleted' };

function put<K extends keyof UpsStatus>(s: UpsStatus, k: K, v: UpsStatus[K] | undefined): void {
  if (v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) s[k] = v;
}

function fromRfc(d: ModuleData): { status: UpsStatus; entity: EntityInfo } | undefined {
  const n = (f: string) => asNumber(d.scalars.get(f));
  if (n('upsBatteryStatus') === undefined && n('upsOutputSource') === undefined) return undefined;
  const status: UpsStatus = {
    source: 'ups-mib',
    // upsOutputSource battery(5); upsSecondsOnBattery > 0 also means on battery now.
    onBattery: n('upsOutputSource') === 5 || (n('upsSecondsOnBattery') ?? 0) > 0,
    batteryStatus: rfcBattery[n('upsBatteryStatus') ?? 1] ?? 'unknown',
  };
  put(status, 'chargePercent', n('upsEstimatedChargeRemaining'));
  const minutes = n('upsEstimatedMinutesRemaining');
  put(status, 'runtimeSeconds', minutes === undefined ? undefined : minutes * 60);
  put(status, 'loadPercent', n('upsOutputPercentLoad'));
  put(status, 'inputVoltage', n('upsInputVoltage'));
  put(status, 'outputVoltage', n('upsOutputVoltage'));
  const entity: EntityInfo = {};
  const model = text(d.scalars.get('upsIdentModel'))?.trim();
  const fw = text(d.scalars.get('upsIdentUPSSoftwareVersion'))?.trim();
  if (model) entity.model = model;
  if (fw) entity.firmware = fw;
  return { status, entity };
}

function fromApc(d: ModuleData): { status: UpsStatus; entity: EntityInfo } | undefined {
  const n = (f: string) => asNumber(d.scalars.get(f));
  const tenths = (f: string) => (n(f) === undefined ? undefined : n(f)! / 10);
  if (d.scalars.size === 0) return undefined;
  const status: UpsStatus = {
    source: 'apc-powernet',
    // upsBasicOutputStatus: onLine(2), onBattery(3).
    onBattery: n('upsBasicOutputStatus') === 3,
    batteryStatus: apcBattery[n('upsBasicBatteryStatus') ?? 1] ?? 'unknown',
  };
  put(status, 'chargePercent', tenths('upsHighPrecBatteryCapacity') ?? n('upsAdvBatteryCapacity'));
  // TimeTicks: hundredths of a second.
  const rt = n('upsAdvBatteryRunTimeRemaining');
  put(status, 'runtimeSeconds', rt === undefined ? undefined : Math.round(rt / 100));
  put(status, 'loadPercent', tenths('upsHighPrecOutputLoad') ?? n('upsAdvOutputLoad'));
  put(status, 'inputVoltage', tenths('upsHighPrecInputLineVoltage') ?? n('upsAdvInputLineVoltage'));
  put(status, 'outputVoltage', tenths('upsHighPrecOutputVoltage') ?? n('upsAdvOutputVoltage'));
  const entity: EntityInfo = {};
  const model = text(d.scalars.get('upsBasicIdentModel'))?.trim();
  const fw = text(d.scalars.get('upsAdvIdentFirmwareRevision'))?.trim();
  const serial = text(d.scalars.get('upsAdvIdentSerialNumber'))?.trim();
  if (model) entity.model = model;
  if (fw) entity.firmware = fw;
  if (serial) entity.serial = serial;
  return { status, entity };
}

export function upsFrom(rfc: ModuleData | undefined, apc: ModuleData | undefined) {
  return (rfc && fromRfc(rfc)) ?? (apc && fromApc(apc)) ?? undefined;
}
