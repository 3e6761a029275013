// Lab harness for e2e tests and benchmarks: real Debian peers on ephemeral loopback ports.
// Each start* returns { port, stop() }; stop() removes every process, temp dir and netns it made.
export * from './credentials.js';
export { startSnmpsim, snmprecDir, recordingStems, type LabPeer, type SnmpsimPeer } from './snmpsim.js';
export { startSnmpExporter, generateSnmpYml, generatorYaml, type SnmpExporterPeer } from './exporter.js';
export { freeUdpPort, freeTcpPort, repoRoot, pidAlive } from './process.js';
export { startSnmpd48, canRunSnmpd48, type Snmpd48Peer, type Snmpd48Port, type Snmpd48Options } from './snmpd48.js';
export { startUpsSnmpExporter, type UpsExporterPeer, type UpsModule } from './exporter-ups.js';
