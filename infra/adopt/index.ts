// Public surface of the adoption of guests that already run on the cluster.
export { readGuests, addAdoptedHosts, hostEntries, type ImportReport } from './import-guests.js';
export { clusterGuests, mapGuest, type ClusterGuest, type GuestOutcome, type HostDraft } from './guest-config.js';
export { pveGet, tokenLooksValid, type PveApiOptions, type PveError, type PveErrorKind } from './pve-api.js';
export { parsePropertyString, sizeGiB } from './property-string.js';
