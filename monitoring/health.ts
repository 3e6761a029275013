// Pure derivations from DeviceSnapshot for anyone summarising health (the TUI overview,
// `srw watch --once --json`): port state, device health, worst utilisation, error rate.
// No I/O, no clock reads: the caller passes `now`.
import type { DeviceSnapshot, InterfaceRow, UpsOutputSource } from './model/device.js';

export type PortState = 'admin-down' | 'down' | 'erroring' | 'saturated' | 'busy' | 'idle';
export type Health = 'down' | 'degraded' | 'pending' | 'up';

/** At or above this share of the port speed a port counts as saturated. */
export const SATURATED_AT = 0.9;
/** At or above this share a port counts as busy (below it: idle). */
export const BUSY_AT = 0.1;
/** Errors per second at which a port counts as erroring; a single CRC error now and then is noise. */
export const ERRORING_AT = 0.05;

// IANAifType values that are front-panel ports: ethernetCsmacd(6), iso88023Csmacd(7),
// fastEther(62), fastEtherFX(69), gigabitEthernet(117). VLAN (135/136), loopback (24),
// propVirtual (53) and LAG (161) rows are not cells in a port grid.
const PHYSICAL_IF_TYPES = new Set([6, 7, 62, 69, 117]);

/** Front-panel ports of a device; falls back to every non-loopback row when the agent types none of them as Ethernet. */
export function physicalPorts(interfaces: readonly InterfaceRow[]): InterfaceRow[] {
  const ports = interfaces.filter((i) => PHYSICAL_IF_TYPES.has(i.ifType));
  return ports.length > 0 ? ports : interfaces.filter((i) => i.ifType !== 24);
}

export function portState(row: InterfaceRow): PortState {
  if (row.adminStatus === 'down') return 'admin-down';
  if (row.operStatus !== 'up') return 'down';
  if ((row.errorsPerSec ?? 0) >= ERRORING_AT) return 'erroring';
  const u = row.utilisation ?? 0;
  if (u >= SATURATED_AT) return 'saturated';
  if (u >= BUSY_AT) return 'busy';
  return 'idle';
}

export type DeviceHealth = {
  name: string;
  type: DeviceSnapshot['type'];
  model: string;
  health: Health;
  /** Why the health is not 'up', in plain words (a reason code the UI translates). */
  reasons: HealthReason[];
  portsUp: number;
  portsTotal: number;
  /** Highest utilisation of any port (0..1) and the port it was seen on. */
  worstUtilisation?: number;
  worstPort?: string;
  /** Errors per second summed over all ports. */
  errorRate: number;
  erroringPorts: number;
  saturatedPorts: number;
  /** Milliseconds since the last successful poll; absent if it never succeeded. */
  ageMs?: number;
  batteryPercent?: number;
  onBattery?: boolean;
  /** Where the UPS feeds its load from: bypass and none are not "on mains". */
  outputSource?: UpsOutputSource;
  runtimeSeconds?: number;
  loadPercent?: number;
  pollStatus: DeviceSnapshot['status'];
  /** The poller's reason for a failed poll, as it wrote it (never a credential). */
  pollReason?: string;
};

export type HealthReason =
  | 'unreachable'
  | 'auth'
  | 'poll-error'
  | 'stale'
  | 'on-battery'
  | 'on-bypass'
  | 'ups-output-off'
  | 'battery-low'
  | 'battery-replace'
  | 'erroring'
  | 'saturated';

/** A snapshot is stale when its last success is older than this many poll intervals. */
export const STALE_AFTER_INTERVALS = 3;

export function deviceHealth(d: DeviceSnapshot, now: number, intervalMs = 30_000): DeviceHealth {
  const ports = d.type === 'switch' ? physicalPorts(d.interfaces) : [];
  let portsUp = 0;
  let errorRate = 0;
  let erroringPorts = 0;
  let saturatedPorts = 0;
  let worstUtilisation: number | undefined;
  let worstPort: string | undefined;
  for (const p of ports) {
    if (p.operStatus === 'up') portsUp++;
    errorRate += p.errorsPerSec ?? 0;
    const s = portState(p);
    if (s === 'erroring') erroringPorts++;
    if (s === 'saturated') saturatedPorts++;
    if (p.utilisation !== undefined && (worstUtilisation === undefined || p.utilisation > worstUtilisation)) {
      worstUtilisation = p.utilisation;
      worstPort = p.ifName || p.key;
    }
  }
  const reasons: HealthReason[] = [];
  if (d.status === 'timeout') reasons.push('unreachable');
  else if (d.status === 'auth') reasons.push('auth');
  else if (d.status === 'error') reasons.push('poll-error');
  const ageMs = d.lastSuccessAt !== undefined ? Math.max(0, now - d.lastSuccessAt) : undefined;
  if (d.status === 'ok' && ageMs !== undefined && ageMs > STALE_AFTER_INTERVALS * intervalMs) reasons.push('stale');
  if (d.ups?.onBattery) reasons.push('on-battery');
  // On bypass the load runs on the mains unprotected: a cut drops it.
  if (d.ups?.outputSource === 'bypass') reasons.push('on-bypass');
  if (d.ups?.outputSource === 'none') reasons.push('ups-output-off');
  if (d.ups && (d.ups.batteryStatus === 'low' || d.ups.batteryStatus === 'depleted')) reasons.push('battery-low');
  if (d.ups?.batteryReplace) reasons.push('battery-replace');
  if (erroringPorts > 0) reasons.push('erroring');
  if (saturatedPorts > 0) reasons.push('saturated');

  let health: Health;
  if (d.status === 'pending') health = 'pending';
  else if (d.status !== 'ok') health = 'down';
  else health = reasons.length > 0 ? 'degraded' : 'up';

  return {
    name: d.name,
    type: d.type,
    model: d.model,
    health,
    reasons,
    portsUp,
    portsTotal: ports.length,
    worstUtilisation,
    worstPort,
    errorRate,
    erroringPorts,
    saturatedPorts,
    ageMs,
    batteryPercent: d.ups?.chargePercent,
    onBattery: d.ups?.onBattery,
    outputSource: d.ups?.outputSource,
    runtimeSeconds: d.ups?.runtimeSeconds,
    loadPercent: d.ups?.loadPercent,
    pollStatus: d.status,
    pollReason: d.status !== 'ok' ? d.reason : undefined,
  };
}

const RANK: Record<Health, number> = { down: 0, degraded: 1, pending: 2, up: 3 };

/** Worst first: down, degraded, pending, up; within one health the busier or more erroring first, then by name. */
export function compareHealth(a: Pick<DeviceHealth, 'health' | 'errorRate' | 'worstUtilisation' | 'name'>, b: typeof a): number {
  return (
    RANK[a.health] - RANK[b.health] ||
    b.errorRate - a.errorRate ||
    (b.worstUtilisation ?? 0) - (a.worstUtilisation ?? 0) ||
    a.name.localeCompare(b.name)
  );
}

export const healthRank = (h: Health): number => RANK[h];

export type HealthCounts = Record<Health, number>;

export function countHealth(items: readonly { health: Health }[]): HealthCounts {
  const c: HealthCounts = { down: 0, degraded: 0, pending: 0, up: 0 };
  for (const i of items) c[i.health]++;
  return c;
}
