// The credentials `srw discover` tries: the snmp blocks the inventory already holds, as secret
// references. SNMPv3 users first (they authenticate, and a v3 agent answers a wrong user with a
// report instead of silence), then v2c communities, then v1; each distinct reference once. A
// candidate is named by where it came from (switches[2] sw-core) and where its secret lives (env
// SNMP_RO), never by its value: that label is what the table, the JSON and the log show.
import { describeRef, type Inventory, type SecretRef, type SnmpSettings } from '../../infra/inventory/index.js';

export type CredentialCandidate = {
  /** switches[0] / upses[1]: the first inventory entry holding this credential. */
  path: (string | number)[];
  /** The device name of that entry. */
  device: string;
  /** v3 user sw-mon (authPriv sha/aes, keys from env SNMP_AUTH, env SNMP_PRIV) — no value. */
  label: string;
  /** The snmp block as the inventory holds it: the credential fields are what --write copies. */
  settings: SnmpSettings;
};

const ORDER: Record<SnmpSettings['version'], number> = { '3': 0, '2c': 1, '1': 2 };

/** Only what names the credential: two blocks that differ in timeout or port are one credential. */
function identity(s: SnmpSettings): string {
  if (s.version === '3') {
    const auth = s.level === 'noAuthNoPriv' ? undefined : [s.authProtocol, s.authKey];
    const priv = s.level === 'authPriv' ? [s.privProtocol, s.privKey] : undefined;
    return JSON.stringify(['3', s.user ?? '', s.level, auth, priv, s.context ?? '']);
  }
  return JSON.stringify([s.version, s.community ?? null]);
}

const ref = (r: SecretRef | undefined) => (r ? describeRef(r) : 'none');

export function describeCredential(s: SnmpSettings): string {
  if (s.version !== '3') return `v${s.version} community from ${s.community ? ref(s.community) : 'default "public"'}`;
  const keys = s.level === 'noAuthNoPriv' ? '' : s.level === 'authNoPriv' ? `, ${s.authProtocol} key from ${ref(s.authKey)}` : `, ${s.authProtocol}/${s.privProtocol} keys from ${ref(s.authKey)}, ${ref(s.privKey)}`;
  return `v3 user ${s.user ?? ''} (${s.level}${keys}${s.context ? `, context ${s.context}` : ''})`;
}

export function credentialCandidates(inv: Pick<Inventory, 'switches' | 'upses'>): CredentialCandidate[] {
  const all = [
    ...inv.switches.map((d, i) => ({ d, path: ['switches', i] as (string | number)[] })),
    ...inv.upses.map((d, i) => ({ d, path: ['upses', i] as (string | number)[] })),
  ];
  const seen = new Set<string>();
  const out: CredentialCandidate[] = [];
  for (const { d, path } of all) {
    const key = identity(d.snmp);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, device: d.name, label: `${path[0]}[${path[1]}] ${d.name}: ${describeCredential(d.snmp)}`, settings: d.snmp });
  }
  // Stable: within one version the inventory's order stays.
  return out.sort((a, b) => ORDER[a.settings.version] - ORDER[b.settings.version]);
}

/**
 * Two references (env SNMP_RO and a key of a secrets file) may hold the same value: after they
 * are resolved, the second is not tried again. `fingerprint` is the hash of the resolved values
 * (monitoring/poll/credentials.ts), so no value is kept here.
 */
export function withoutSameValues<T extends { settings: SnmpSettings; fingerprint: string }>(resolved: readonly T[]): T[] {
  const seen = new Set<string>();
  return resolved.filter((c) => {
    const s = c.settings;
    const key = JSON.stringify(s.version === '3' ? ['3', s.user ?? '', s.level, s.authProtocol, s.privProtocol, s.context ?? '', c.fingerprint] : [s.version, c.fingerprint]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
