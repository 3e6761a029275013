// A switch profile as an OID table: SNMPv2-MIB system, IF-MIB ifTable/ifXTable, ENTITY-MIB
// chassis, LLDP-MIB local ports and neighbours. Getters read the device state, so one table
// serves every device that shares the profile's shape (the scale bench runs 1000 on one table).
import { TableBuilder, type SimTable } from './oid-table.js';
import type { SimPort, SwitchProfile } from './profile.js';
import { flapState, portCounters, portLoad, unit, type FlapSchedule, type PortCounters, type PortLoad } from './traffic.js';
import { counter32, counter64, gauge, int, oidValue, str, ticks } from './value.js';

export type SwitchDevice = {
  profile: SwitchProfile;
  /** Overrides profile.sysName (devices sharing one profile). */
  sysName: string;
  seed: number;
  /** Epoch seconds of the last "reboot" (sysUpTime counts from here). */
  bootS: number;
  loads: PortLoad[];
  flap: FlapSchedule;
  /** Memo of the counters computed for one request time. */
  memoAt: number;
  memo: (PortCounters | undefined)[];
};

export type FlapOptions = { everyS?: number; downS?: number };

export function createSwitchDevice(profile: SwitchProfile, seed: number, opts: { sysName?: string; flap?: FlapOptions; nowMs?: number } = {}): SwitchDevice {
  const nowS = (opts.nowMs ?? Date.now()) / 1000;
  const everyS = opts.flap?.everyS ?? 900;
  return {
    profile,
    sysName: opts.sysName ?? profile.sysName,
    seed,
    // Up for 5–60 days, like a switch nobody has touched since the last firmware update.
    bootS: Math.floor(nowS - 86_400 * (5 + 55 * unit(seed, 1))),
    loads: profile.ports.map((p) => portLoad(seed, p.ifIndex, p.speedBps, p.role)),
    flap: { everyS, downS: opts.flap?.downS ?? 25, offsetS: Math.floor(unit(seed, 2) * everyS) },
    memoAt: -1,
    memo: [],
  };
}

function operUp(d: SwitchDevice, p: SimPort, nowS: number): boolean {
  if (!p.adminUp || !p.connected) return false;
  return p.flaps ? flapState(d.flap, nowS).up : true;
}

function countersOf(d: SwitchDevice, k: number, nowMs: number): PortCounters {
  if (d.memoAt !== nowMs) {
    d.memoAt = nowMs;
    d.memo = [];
  }
  let c = d.memo[k];
  if (!c) {
    const p = d.profile.ports[k]!;
    const load = d.loads[k]!;
    // A port with nothing plugged in keeps the counters it had at boot.
    c = portCounters(load, d.bootS, p.connected && p.adminUp ? nowMs / 1000 : d.bootS);
    d.memo[k] = c;
  }
  return c;
}

const uptimeTicks = (d: SwitchDevice, nowMs: number): number => (nowMs / 1000 - d.bootS) * 100;

function lastChangeTicks(d: SwitchDevice, p: SimPort, k: number, nowS: number): number {
  if (p.flaps && p.adminUp && p.connected) return Math.max(0, (flapState(d.flap, nowS).changedAtS - d.bootS) * 100);
  // Ports came up one after another a minute after boot.
  return 6000 + k * 37;
}

function mac(base: string, offset: number): Buffer {
  const bytes = base.split(':').map((h) => parseInt(h, 16));
  let carry = offset;
  for (let i = bytes.length - 1; i >= 0 && carry > 0; i--) {
    const v = bytes[i]! + carry;
    bytes[i] = v & 0xff;
    carry = v >> 8;
  }
  return Buffer.from(bytes);
}

export function buildSwitchTable(profile: SwitchProfile): SimTable<SwitchDevice> {
  const t = new TableBuilder<SwitchDevice>();
  const sys = '1.3.6.1.2.1.1';
  t.add(`${sys}.1.0`, (d) => str(d.profile.sysDescr));
  t.add(`${sys}.2.0`, (d) => oidValue(d.profile.sysObjectID));
  t.add(`${sys}.3.0`, (d, now) => ticks(uptimeTicks(d, now)));
  t.add(`${sys}.4.0`, (d) => str(d.profile.sysContact));
  t.add(`${sys}.5.0`, (d) => str(d.sysName));
  t.add(`${sys}.6.0`, (d) => str(d.profile.sysLocation));
  t.fixed(`${sys}.7.0`, int(6));
  t.add('1.3.6.1.2.1.2.1.0', (d) => int(d.profile.ports.length));

  profile.ports.forEach((port, k) => {
    const i = port.ifIndex;
    const p = (d: SwitchDevice): SimPort => d.profile.ports[k]!;
    const c = (d: SwitchDevice, now: number): PortCounters => countersOf(d, k, now);
    const T = '1.3.6.1.2.1.2.2.1';
    t.fixed(`${T}.1.${i}`, int(i));
    t.add(`${T}.2.${i}`, (d) => str(p(d).ifDescr));
    t.add(`${T}.3.${i}`, (d) => int(p(d).ifType));
    t.add(`${T}.4.${i}`, (d) => int(p(d).mtu));
    t.add(`${T}.5.${i}`, (d) => gauge(p(d).speedBps));
    t.add(`${T}.6.${i}`, (d) => str(mac(d.profile.chassisMac, 1 + k + (d.seed % 4096) * 64)));
    t.add(`${T}.7.${i}`, (d) => int(p(d).adminUp ? 1 : 2));
    t.add(`${T}.8.${i}`, (d, now) => int(operUp(d, p(d), now / 1000) ? 1 : 2));
    t.add(`${T}.9.${i}`, (d, now) => ticks(lastChangeTicks(d, p(d), k, now / 1000)));
    t.add(`${T}.10.${i}`, (d, now) => counter32(c(d, now).inOctets));
    t.add(`${T}.11.${i}`, (d, now) => counter32(c(d, now).inPkts));
    t.add(`${T}.13.${i}`, (d, now) => counter32(c(d, now).inErrors / 4n));
    t.add(`${T}.14.${i}`, (d, now) => counter32(c(d, now).inErrors));
    t.fixed(`${T}.15.${i}`, counter32(0));
    t.add(`${T}.16.${i}`, (d, now) => counter32(c(d, now).outOctets));
    t.add(`${T}.17.${i}`, (d, now) => counter32(c(d, now).outPkts));
    t.add(`${T}.19.${i}`, (d, now) => counter32(c(d, now).outDiscards));
    t.fixed(`${T}.20.${i}`, counter32(0));

    const X = '1.3.6.1.2.1.31.1.1.1';
    t.add(`${X}.1.${i}`, (d) => str(p(d).ifName));
    t.add(`${X}.2.${i}`, (d, now) => counter32(c(d, now).inMcast));
    t.add(`${X}.3.${i}`, (d, now) => counter32(c(d, now).inMcast / 7n));
    t.add(`${X}.4.${i}`, (d, now) => counter32(c(d, now).inMcast / 3n));
    t.add(`${X}.5.${i}`, (d, now) => counter32(c(d, now).inMcast / 11n));
    t.add(`${X}.6.${i}`, (d, now) => counter64(c(d, now).inOctets));
    t.add(`${X}.7.${i}`, (d, now) => counter64(c(d, now).inPkts));
    t.add(`${X}.8.${i}`, (d, now) => counter64(c(d, now).inMcast));
    t.add(`${X}.9.${i}`, (d, now) => counter64(c(d, now).inMcast / 7n));
    t.add(`${X}.10.${i}`, (d, now) => counter64(c(d, now).outOctets));
    t.add(`${X}.11.${i}`, (d, now) => counter64(c(d, now).outPkts));
    t.add(`${X}.12.${i}`, (d, now) => counter64(c(d, now).inMcast / 3n));
    t.add(`${X}.13.${i}`, (d, now) => counter64(c(d, now).inMcast / 11n));
    t.fixed(`${X}.14.${i}`, int(port.ifType === 6 ? 1 : 2));
    t.add(`${X}.15.${i}`, (d) => gauge(p(d).speedBps / 1e6));
    t.fixed(`${X}.16.${i}`, int(2));
    t.fixed(`${X}.17.${i}`, int(port.ifType === 6 ? 1 : 2));
    t.add(`${X}.18.${i}`, (d) => str(p(d).ifAlias));
    t.fixed(`${X}.19.${i}`, ticks(0));
  });

  // ENTITY-MIB: the chassis (1) and one power supply (2) contained in it.
  const E = '1.3.6.1.2.1.47.1.1.1.1';
  const ent = (d: SwitchDevice): SwitchProfile['entity'] => d.profile.entity;
  t.add(`${E}.2.1`, (d) => str(ent(d).descr));
  t.add(`${E}.2.2`, (d) => str(`${d.profile.vendor} power supply`));
  t.add(`${E}.3.1`, (d) => oidValue(ent(d).vendorType));
  t.fixed(`${E}.3.2`, oidValue('0.0'));
  t.fixed(`${E}.4.1`, int(0));
  t.fixed(`${E}.4.2`, int(1));
  t.fixed(`${E}.5.1`, int(3));
  t.fixed(`${E}.5.2`, int(6));
  t.fixed(`${E}.6.1`, int(-1));
  t.fixed(`${E}.6.2`, int(1));
  t.add(`${E}.7.1`, (d) => str(d.profile.model));
  t.fixed(`${E}.7.2`, str('PS-1'));
  t.add(`${E}.8.1`, (d) => str(ent(d).hardwareRev));
  t.fixed(`${E}.8.2`, str(''));
  t.add(`${E}.9.1`, (d) => str(ent(d).firmware));
  t.fixed(`${E}.9.2`, str(''));
  t.add(`${E}.10.1`, (d) => str(ent(d).software));
  t.fixed(`${E}.10.2`, str(''));
  t.add(`${E}.11.1`, (d) => str(ent(d).serial));
  t.add(`${E}.11.2`, (d) => str(`${ent(d).serial.slice(0, 4)}P${(d.seed % 100000).toString().padStart(5, '0')}`));
  t.add(`${E}.12.1`, (d) => str(ent(d).mfgName));
  t.add(`${E}.12.2`, (d) => str(ent(d).mfgName));
  t.add(`${E}.13.1`, (d) => str(ent(d).modelName));
  t.fixed(`${E}.13.2`, str(''));
  t.fixed(`${E}.16.1`, int(2));
  t.fixed(`${E}.16.2`, int(1));

  // LLDP-MIB (IEEE 802.1AB-2005, 1.0.8802.1.1.2): local system, local ports, remote table.
  const L = '1.0.8802.1.1.2.1';
  t.fixed(`${L}.3.1.0`, int(4)); // chassis id subtype: macAddress
  t.add(`${L}.3.2.0`, (d) => str(mac(d.profile.chassisMac, (d.seed % 4096) * 64)));
  t.add(`${L}.3.3.0`, (d) => str(d.sysName));
  t.add(`${L}.3.4.0`, (d) => str(d.profile.sysDescr));
  for (const [k, port] of profile.ports.entries()) {
    const n = port.lldpPortNum;
    if (n === undefined) continue;
    t.fixed(`${L}.3.7.1.2.${n}`, int(5)); // port id subtype: interfaceName
    t.add(`${L}.3.7.1.3.${n}`, (d) => str(d.profile.ports[k]!.ifName));
    t.add(`${L}.3.7.1.4.${n}`, (d) => str(d.profile.ports[k]!.ifDescr));
  }
  profile.neighbours.forEach((nb, j) => {
    // Index: lldpRemTimeMark (0), lldpRemLocalPortNum, lldpRemIndex.
    const idx = `0.${nb.localPortNum}.${j + 1}`;
    const R = `${L}.4.1.1`;
    const get = (d: SwitchDevice): (typeof d.profile.neighbours)[number] => d.profile.neighbours[j]!;
    t.fixed(`${R}.4.${idx}`, int(4));
    t.add(`${R}.5.${idx}`, (d) => str(Buffer.from(get(d).remoteChassisMac.split(':').map((h) => parseInt(h, 16)))));
    t.fixed(`${R}.6.${idx}`, int(5));
    t.add(`${R}.7.${idx}`, (d) => str(get(d).remotePortId));
    t.add(`${R}.8.${idx}`, (d) => str(get(d).remotePortDesc));
    t.add(`${R}.9.${idx}`, (d) => str(get(d).remoteSysName));
    t.add(`${R}.10.${idx}`, (d) => str(get(d).remoteSysDesc));
  });
  return t.build();
}
