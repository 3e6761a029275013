// Simulated UPS models. Vendor strings follow what such cards report (the APC sysDescr format is
// the one in ../shared/snmprec/apc_smt750x-nmc2.snmprec); values are invented.
import type { UpsProfile } from './profile.js';
import { unit } from './traffic.js';

export type UpsOptions = { sysName: string; seed?: number; sysLocation?: string };

const contact = 'informatyk@um.example.invalid';

/** APC Smart-UPS 1500-like with an NMC2-like card (PowerNet-MIB only), line-interactive. */
export function apcSmartUps(o: UpsOptions): UpsProfile {
  const seed = o.seed ?? 11;
  return {
    kind: 'ups',
    id: 'apc-smt1500-nmc',
    vendor: 'APC',
    model: 'Smart-UPS 1500',
    mib: 'apc-powernet',
    sysDescr: 'APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.9.6 PN:apc_hw05_aos_696.bin AF1:v6.9.6 AN1:apc_hw05_sumx_696.bin MN:AP9631 HR:05) (srw lab)',
    sysObjectID: '1.3.6.1.4.1.318.1.3.27',
    sysName: o.sysName,
    sysLocation: o.sysLocation ?? 'Serwerownia, szafa R1, U1-U2',
    sysContact: contact,
    serial: `AS${1900 + Math.floor(unit(seed, 9) * 99)}${Math.floor(unit(seed, 10) * 1e6).toString().padStart(6, '0')}`,
    firmware: 'UPS 09.3 (ID18)',
    phases: 1,
    topology: 'line-interactive',
    ratedVa: 1500,
    ratedW: 1000,
    runtimeAtHalfLoadS: 1500,
    nominalVoltage: 230,
    maxMessageSize: 1472,
  };
}

/** Eaton 9PX 3000-like with a network card speaking RFC 1628 UPS-MIB (and XUPS-MIB's ambient). */
export function eatonUps(o: UpsOptions): UpsProfile {
  const seed = o.seed ?? 12;
  return {
    kind: 'ups',
    id: 'eaton-9px3000',
    vendor: 'EATON',
    model: 'Eaton 9PX 3000i RT 2U',
    mib: 'ups-mib',
    sysDescr: 'Eaton 9PX 3000i RT 2U (srw lab)',
    sysObjectID: '1.3.6.1.4.1.705.1',
    sysName: o.sysName,
    sysLocation: o.sysLocation ?? 'Serwerownia, szafa R2, U1-U2',
    sysContact: contact,
    serial: `G${Math.floor(unit(seed, 9) * 1e9).toString().padStart(9, '0')}`,
    firmware: 'INV: 03.07.0018',
    phases: 1,
    topology: 'online',
    ratedVa: 3000,
    ratedW: 3000,
    runtimeAtHalfLoadS: 900,
    nominalVoltage: 230,
    maxMessageSize: 1472,
  };
}

/** Eaton 93PM 30 kW-like: three-phase in and out, RFC 1628, goes to static bypass now and then. */
export function eaton93pm(o: UpsOptions): UpsProfile {
  const seed = o.seed ?? 13;
  return {
    ...eatonUps({ ...o, seed }),
    id: 'eaton-93pm30',
    model: 'Eaton 93PM 30kW',
    sysDescr: 'Eaton 93PM 30kW (srw lab)',
    sysLocation: o.sysLocation ?? 'Serwerownia, rozdzielnia',
    firmware: 'CTO: 01.03.0012',
    phases: 3,
    // A busy middle phase: the phase-1 reading alone would say the UPS is nearly idle.
    phaseShare: [0.4, 2.2, 0.4],
    ratedVa: 30000,
    ratedW: 30000,
    runtimeAtHalfLoadS: 1200,
  };
}

/** APC Symmetra PX 20 kW-like: three-phase, PowerNet upsPhase tables, static bypass. */
export function apcSymmetraPx(o: UpsOptions): UpsProfile {
  const seed = o.seed ?? 14;
  return {
    ...apcSmartUps({ ...o, seed }),
    id: 'apc-sypx20',
    model: 'Symmetra PX 20kW',
    sysObjectID: '1.3.6.1.4.1.318.1.3.2.24',
    sysLocation: o.sysLocation ?? 'Serwerownia, rozdzielnia',
    firmware: '07.3',
    phases: 3,
    topology: 'online',
    phaseShare: [1.3, 0.9, 0.8],
    ratedVa: 20000,
    ratedW: 20000,
    runtimeAtHalfLoadS: 1800,
  };
}
