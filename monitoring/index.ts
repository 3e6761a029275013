// Public surface of monitoring/: other folders (cli, test/bench) import only from here.
export type * from './model/device.js';
export { createStore, type Store, type WritableStore } from './publisher.js';
export { pollOnce, emptySnapshot, silentLogger, type PollOnceOptions, type PollResult, type PollLogger } from './poll/poll-once.js';
export { devicesOf, type PollDevice } from './poll/device.js';
export { resolveCredentials, type SecretsContext } from './poll/credentials.js';
export { SnmpSession, type SnmpCredentials } from './snmp/session.js';
export { SnmpError, type SnmpSource, type SnmpVersion } from './snmp/source.js';
export { walkColumns, getScalars, planGroup, type AgentLimits, type WalkOptions } from './snmp/walk.js';
export { decodeSnapshot, type Fetched } from './snmp/decode.js';
export { specsFor, modulesByName, type ModuleSpec } from './snmp/modules/index.js';
export { rateOf, counterDelta, octetRate } from './snmp/counters.js';
export { applyRates, emptyPortMemory, type PortMemory } from './snmp/port-history.js';
export { SnmprecSource, parseSnmprec } from './lab/snmprec-source.js';
