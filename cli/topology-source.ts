// Topology and drift, recomputed whenever the poller publishes: the graph from every switch's
// LLDP, drift against the inventory's ports and the saved baseline. A store, so the dashboard,
// `watch --once --json`, the exporter's metrics and the event list all read the same result.
import { dirname, resolve } from 'node:path';
import type { LoadedInventory } from '../infra/inventory/index.js';
import { createStore, type MonitoringState, type Store } from '../monitoring/index.js';
import { BaselineError, buildTopology, detectDrift, expectedPorts, readBaseline, type Baseline, type Drift, type Topology } from '../monitoring/topology/index.js';
import { EXIT_BAD_INPUT, ExitError } from './report.js';

export type TopologyState = { topology: Topology; drift: Drift[]; baselineFile: string; baseline?: { savedAt: string } };

export const BASELINE_NAME = 'srw-topology.json';

/** --baseline FILE, else srw-topology.json beside the inventory. */
export function baselinePath(loaded: LoadedInventory, flag?: string): string {
  return flag ? resolve(flag) : resolve(dirname(loaded.file), BASELINE_NAME);
}

export function lldpDevicesOf(loaded: LoadedInventory): Set<string> {
  return new Set(loaded.inventory.switches.filter((s) => s.modules.includes('lldp')).map((s) => s.name));
}

export function evaluateTopology(loaded: LoadedInventory, mon: MonitoringState, baselineFile: string, baseline: Baseline | undefined): TopologyState {
  const lldp = lldpDevicesOf(loaded);
  return {
    topology: buildTopology(mon.devices, lldp),
    drift: detectDrift(mon.devices, lldp, expectedPorts(loaded.inventory.switches), baseline),
    baselineFile,
    ...(baseline ? { baseline: { savedAt: baseline.savedAt } } : {}),
  };
}

/** The baseline file, or undefined when none was saved; a broken one is bad input (exit 2) naming the file. */
export function loadBaseline(file: string): Baseline | undefined {
  try {
    return readBaseline(file);
  } catch (e) {
    if (e instanceof BaselineError) throw new ExitError(EXIT_BAD_INPUT, `error: ${e.message}`);
    throw e;
  }
}

export function topologySource(loaded: LoadedInventory, monitoring: Store<MonitoringState>, baselineFlag?: string): Store<TopologyState> & { stop(): void } {
  const file = baselinePath(loaded, baselineFlag);
  const baseline = loadBaseline(file);
  const store = createStore<TopologyState>(evaluateTopology(loaded, monitoring.getSnapshot(), file, baseline));
  const stop = monitoring.subscribe(() => store.set(evaluateTopology(loaded, monitoring.getSnapshot(), file, baseline)));
  return { getSnapshot: store.getSnapshot, subscribe: store.subscribe, stop };
}
