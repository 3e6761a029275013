// Public surface of monitoring/discover (srw discover): cli imports only from here.
export { addressesOf, MAX_ADDRESSES, HARD_MAX_ADDRESSES, type RangeError, type Ranges } from './cidr.js';
export { credentialCandidates, describeCredential, withoutSameValues, type CredentialCandidate } from './credentials.js';
export { identify, OID, type DeviceFacts, type DeviceType, type ModelSource } from './identify.js';
export { probeAddress, type ProbeOptions, type ProbeResult, type ProbeStatus, type ResolvedCandidate } from './probe.js';
export { scan, knownDevices, SCAN_DEFAULTS, type Known, type ScanOptions, type ScanReport, type ScanResult } from './scan.js';
export { addDiscovered, draftsFor, modelText, sanitiseName, uniqueName, type Draft, type Skipped, type WriteOutcome } from './inventory-entries.js';
export { enterpriseOf, vendorOf } from './vendors.js';
