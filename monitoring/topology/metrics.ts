// Topology on /metrics, for alerts: one series per drift finding and per disagreeing link.
//   alert: srw_topology_drift > 0            (a rogue switch, a missing or moved uplink)
//   alert: srw_topology_link_disagreement > 0
import type { Registry } from 'prom-client';
import { registerFamily } from '../exporter/family.js';
import type { Drift } from './drift.js';
import { disagrees, type Topology } from './graph.js';

export function registerTopologyMetrics(registry: Registry, current: () => { topology: Topology; drift: readonly Drift[] }): void {
  registerFamily(registry, 'srw_topology_drift', 'LLDP neighbour drift per port: 1 while the neighbour is missing, changed or new against the inventory or the saved baseline', 'gauge', () =>
    current().drift.map((d) => ({ labels: { device: d.device, port: d.port, kind: d.kind, source: d.source }, value: 1 })),
  );
  registerFamily(registry, 'srw_topology_drift_ports', 'Ports with LLDP neighbour drift (0 when the wiring is as expected)', 'gauge', () => [{ labels: {}, value: new Set(current().drift.map((d) => `${d.device}\0${d.port}`)).size }]);
  registerFamily(registry, 'srw_topology_link_disagreement', 'Links whose two ends disagree in LLDP (1 per link, labelled from the reporting end)', 'gauge', () =>
    current().topology.links.filter(disagrees).map((l) => ({ labels: { device: l.a, port: l.aPort, neighbour: l.b }, value: 1 })),
  );
}
