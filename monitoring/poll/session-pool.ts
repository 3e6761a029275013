// One live SNMP session per device, shared by the poller and the exporter's /snmp: SNMPv3
// engine discovery happens once, not per poll. Secrets are resolved at every use; a changed
// secret (edited secrets file) replaces the session, and so does an auth failure.
import { SnmpSession } from '../snmp/session.js';
import type { SnmpSource } from '../snmp/source.js';
import { resolveCredentials, type SecretsContext } from './credentials.js';
import { inventoryPath, type PollDevice } from './device.js';

export type SessionPool = {
  /** A session for the device, or the reason there is none (unresolvable secret, …). */
  get(device: PollDevice): SnmpSource | string;
  /** Forgets the device's session (after an auth failure). */
  drop(name: string): void;
  closeAll(): void;
};

export function createSessionPool(devices: readonly PollDevice[], secrets: SecretsContext, sourceFor?: (d: PollDevice) => SnmpSource): SessionPool {
  const live = new Map<string, { source: SnmpSource; fingerprint: string }>();
  const drop = (name: string) => {
    live.get(name)?.source.close();
    live.delete(name);
  };
  return {
    get(device) {
      if (sourceFor) {
        const have = live.get(device.name);
        if (have) return have.source;
        const source = sourceFor(device);
        live.set(device.name, { source, fingerprint: '' });
        return source;
      }
      const creds = resolveCredentials(device.snmp, { ...secrets, path: inventoryPath(device, devices) });
      if (!creds.ok) return creds.reason;
      const have = live.get(device.name);
      if (have && have.fingerprint === creds.fingerprint) return have.source;
      drop(device.name);
      try {
        const source = new SnmpSession({ address: device.address, settings: device.snmp, credentials: creds.credentials });
        live.set(device.name, { source, fingerprint: creds.fingerprint });
        return source;
      } catch (e) {
        return `cannot open an SNMP session: ${(e as Error).message}`;
      }
    },
    drop,
    closeAll() {
      for (const name of [...live.keys()]) drop(name);
    },
  };
}
