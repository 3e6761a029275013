// The receiver's counters on /metrics. Labels are inventory names and srw's own notification
// names (anything not in names.ts counts as "other"), never a sender's address or a string
// from a packet, so a hostile sender cannot grow the series or inject text.
import type { Registry } from 'prom-client';
import { registerFamily, type Sample } from '../exporter/family.js';
import type { TrapStats } from './receiver.js';

export function registerTrapMetrics(registry: Registry, stats: () => TrapStats): void {
  registerFamily(registry, 'srw_snmp_traps_received_total', 'SNMP traps and informs accepted from inventory devices, by device and notification', 'counter', () => {
    const out: Sample[] = [];
    for (const [device, kinds] of stats().received) for (const [trap, n] of kinds) out.push({ labels: { device, trap }, value: n });
    return out;
  });
  registerFamily(registry, 'srw_snmp_traps_unknown_sender_total', 'Datagrams on the trap port from addresses that are not inventory devices (dropped)', 'counter', () => [
    { labels: {}, value: stats().unknownSenders },
  ]);
  registerFamily(registry, 'srw_snmp_traps_rate_limited_total', 'Datagrams from an inventory device dropped by the per-source rate limit', 'counter', () =>
    [...stats().rateLimited].map(([device, n]) => ({ labels: { device }, value: n })),
  );
  registerFamily(registry, 'srw_snmp_traps_dropped_total', 'Datagrams from inventory devices dropped after a check (wrong community or user, failed authentication, malformed, outside the time window)', 'counter', () =>
    [...stats().dropped].map(([reason, n]) => ({ labels: { reason }, value: n })),
  );
  registerFamily(registry, 'srw_snmp_informs_acknowledged_total', 'Informs acknowledged (a Response PDU sent back)', 'counter', () => [{ labels: {}, value: stats().informsAcknowledged }]);
}
