// Believable, deterministic traffic for simulated ports, computed from the clock alone: no timers,
// no per-device state that grows, so a thousand switches cost nothing between polls.
//
// The bit rate of a port is mean × (1 + d·sin(day wave) + w·sin(minutes wave)) with d + w < 1,
// so it never goes negative and its integral (the octet counter) is closed-form and monotonic.

const DAY_S = 86_400;

/** A small stable hash → [0, 1): the same seed and salt give the same port every run. */
export function unit(seed: number, salt: number): number {
  let h = (seed * 0x9e3779b1) ^ (salt * 0x85ebca77);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

export type PortRole = 'idle' | 'office' | 'busy' | 'saturated' | 'uplink';

export type PortLoad = {
  role: PortRole;
  /** Mean bit rates in and out. */
  inMeanBps: number;
  outMeanBps: number;
  /** Relative amplitude of the daily and of the few-minutes wave. */
  day: number;
  wave: number;
  wavePeriodS: number;
  phase: number;
  /** Errors and discards per second (0 for a clean port). */
  inErrorsPerS: number;
  outDiscardsPerS: number;
  /** Mean packet size in bytes, for the packet counters. */
  packetBytes: number;
  /** Counters do not start at zero on a switch that has been up for weeks. */
  baseOctets: bigint;
};

/** Picks a port's character from the seed; `role` forces one (uplinks, the saturated port). */
export function portLoad(seed: number, port: number, speedBps: number, role?: PortRole): PortLoad {
  const u = (k: number): number => unit(seed, port * 16 + k);
  const r: PortRole = role ?? (u(0) < 0.25 ? 'idle' : u(0) < 0.85 ? 'office' : 'busy');
  const share = { idle: 0.0002, office: 0.004 + 0.02 * u(1), busy: 0.08 + 0.25 * u(1), saturated: 0.93, uplink: 0.12 + 0.2 * u(1) }[r];
  const inMeanBps = speedBps * share;
  // Office PCs download far more than they upload; uplinks are closer to symmetric.
  const outMeanBps = inMeanBps * (r === 'office' ? 0.15 + 0.2 * u(2) : r === 'saturated' ? 0.3 : 0.5 + 0.4 * u(2));
  const errorProne = u(3) < 0.08;
  return {
    role: r,
    inMeanBps,
    outMeanBps,
    day: r === 'saturated' ? 0.04 : 0.6,
    wave: r === 'saturated' ? 0.02 : 0.25,
    wavePeriodS: 180 + Math.floor(u(4) * 420),
    phase: u(5) * 2 * Math.PI,
    inErrorsPerS: errorProne ? 0.02 + u(6) * 1.5 : 0,
    outDiscardsPerS: r === 'busy' || r === 'saturated' ? u(7) * 3 : 0,
    packetBytes: r === 'idle' ? 90 : 300 + Math.floor(u(8) * 900),
    baseOctets: BigInt(Math.floor(u(9) * 4e11)),
  };
}

/** Bytes sent at `mean` bps between t0 and t (seconds since the epoch); the closed-form integral. */
function integral(mean: number, l: PortLoad, t0: number, t: number): number {
  // Peak around 11:00 UTC+1-ish; the day wave's phase is shared so an office wakes up together.
  // (No inner closures: this runs for every port of every answer.)
  const wd = (2 * Math.PI) / DAY_S;
  const ww = (2 * Math.PI) / l.wavePeriodS;
  const dayPhase = -wd * 7.5 * 3600;
  const day = ((mean * l.day) / wd) * (Math.cos(wd * t + dayPhase) - Math.cos(wd * t0 + dayPhase));
  const wave = ((mean * l.wave) / ww) * (Math.cos(ww * t + l.phase) - Math.cos(ww * t0 + l.phase));
  return Math.max(0, (mean * (t - t0) - day - wave) / 8);
}

export type PortCounters = { inOctets: bigint; outOctets: bigint; inPkts: bigint; outPkts: bigint; inErrors: bigint; outDiscards: bigint; inMcast: bigint };

/** Counters of a port that has carried traffic since `bootS` (epoch seconds), at `nowS`. */
export function portCounters(l: PortLoad, bootS: number, nowS: number): PortCounters {
  const inBytes = integral(l.inMeanBps, l, bootS, nowS);
  const outBytes = integral(l.outMeanBps, l, bootS, nowS);
  const up = nowS - bootS;
  const inOctets = l.baseOctets + BigInt(Math.floor(inBytes));
  const outOctets = l.baseOctets / 3n + BigInt(Math.floor(outBytes));
  const pb = BigInt(l.packetBytes);
  return {
    inOctets,
    outOctets,
    inPkts: inOctets / pb,
    outPkts: outOctets / pb,
    inErrors: BigInt(Math.floor(l.inErrorsPerS * up)),
    outDiscards: BigInt(Math.floor(l.outDiscardsPerS * up)),
    inMcast: inOctets / 40_000n,
  };
}

/** Current bit rate (for tests and the demo's expectations). */
export function inRateBps(l: PortLoad, nowS: number): number {
  const wd = (2 * Math.PI) / DAY_S;
  return l.inMeanBps * (1 + l.day * Math.sin(wd * nowS - wd * 7.5 * 3600) + l.wave * Math.sin(((2 * Math.PI) / l.wavePeriodS) * nowS + l.phase));
}

export type FlapSchedule = { everyS: number; downS: number; offsetS: number };

/**
 * A port that flaps: down for `downS` seconds once every `everyS`. Returns whether it is up now
 * and when (epoch seconds) it last changed state.
 */
export function flapState(f: FlapSchedule, nowS: number): { up: boolean; changedAtS: number } {
  const p = (((nowS + f.offsetS) % f.everyS) + f.everyS) % f.everyS;
  const cycleStart = nowS - p;
  if (p < f.downS) return { up: false, changedAtS: cycleStart };
  return { up: true, changedAtS: cycleStart + f.downS };
}
