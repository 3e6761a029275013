// Public surface of the topology room.
export { buildTopology, disagrees, portKey, isOurPort, nameIndex, type Topology, type TopologyLink, type TopologyNode, type LinkAgreement } from './graph.js';
export { detectDrift, baselineOf, expectedPorts, type Drift, type DriftKind, type ExpectedPort, type Baseline, type BaselineLink } from './drift.js';
export { topologyText, topologyDot, topologyMermaid } from './render.js';
export { readBaseline, writeBaseline, BaselineError } from './baseline-file.js';
export { registerTopologyMetrics } from './metrics.js';
export { driftEvents } from './drift-events.js';
