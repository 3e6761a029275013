// The parts of srw discover that need no agent: ranges, the credential order, vendor names,
// names for new entries, and the inventory edit (comments kept, existing entries untouched,
// clashes suffixed, a second run adds nothing).
import { describe, expect, it } from 'vitest';
import { parseInventory, type Inventory } from '../../../infra/inventory/index.js';
import { addDiscovered, addressesOf, credentialCandidates, withoutSameValues, sanitiseName, uniqueName, vendorOf, type DeviceFacts, type ResolvedCandidate, type ScanResult } from '../../../monitoring/discover/index.js';

const INVENTORY = `# Urząd Miasta — sieć
site: { name: Test }
networks:
  - { name: mgmt, vlan: 10, cidr: 10.10.0.0/24, gateway: 10.10.0.1 }
switches:
  # rdzeń
  - name: core-1
    address: 10.10.0.2
    model: Aruba CX 6300M   # stack
    snmp:
      version: "3"
      user: srw-poller
      authKey: { env: V3_AUTH }
      privKey: { env: V3_PRIV }
  - name: old-1
    address: 10.10.0.3
    model: HP ProCurve
    snmp: { version: "2c", community: { env: RO_COMMUNITY } }
  - name: old-2
    address: 10.10.0.4
    model: HP ProCurve
    snmp: { version: "2c", community: { env: RO_COMMUNITY }, timeoutMs: 3000 }
  - name: private
    address: 10.10.0.5
    model: Cisco
    snmp: { version: "1", community: { file: secrets/snmp.env, key: V1 } }
`;

function inv(text = INVENTORY): Inventory {
  const r = parseInventory(text, 'inventory.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

function found(address: string, facts: Partial<DeviceFacts>, credential: ResolvedCandidate): ScanResult {
  return { address, status: 'found', ms: 1, credential, facts: { type: 'switch', lldpNeighbours: [], notes: [], ...facts } };
}

describe('addressesOf', () => {
  it('hosts of each network in order, each once; a bare address is one host; /31 and /32 keep both ends', () => {
    const r = addressesOf(['10.0.0.0/30', '10.0.0.1', '10.0.0.8/31', '10.0.0.9/32']);
    expect(r).toEqual({ ok: true, addresses: ['10.0.0.1', '10.0.0.2', '10.0.0.8', '10.0.0.9'] });
    const c = addressesOf(['192.168.5.77/24']);
    expect(c.ok && c.addresses.length).toBe(254);
    expect(c.ok && [c.addresses[0], c.addresses.at(-1)]).toEqual(['192.168.5.1', '192.168.5.254']);
  });
  it('names every bad argument', () => {
    const r = addressesOf(['10.0.0.0/24', '10.0.0.300/24', '10.0.0.0/33', 'mgmt', '10.0.0.0/24/1']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.argument)).toEqual(['10.0.0.300/24', '10.0.0.0/33', 'mgmt', '10.0.0.0/24/1']);
    expect(!r.ok && r.errors[1]!.message).toMatch(/prefix length "33" is not 0–32/);
  });
  it('refuses more than a /16 without force, and more than 2^20 even with it', () => {
    expect(addressesOf(['10.0.0.0/16']).ok).toBe(true);
    const big = addressesOf(['10.0.0.0/15']);
    expect(!big.ok && big.errors[0]!.message).toMatch(/more than a \/16.*--force/);
    expect(addressesOf(['10.0.0.0/15'], { force: true }).ok).toBe(true);
    expect(addressesOf(['10.0.0.0/8'], { force: true }).ok).toBe(false);
  });
});

describe('credentialCandidates', () => {
  it('v3 users first, then v2c, then v1; one per distinct reference; labels name where, never what', () => {
    const c = credentialCandidates(inv());
    expect(c.map((x) => [x.path, x.device, x.settings.version])).toEqual([
      [['switches', 0], 'core-1', '3'],
      [['switches', 1], 'old-1', '2c'],
      [['switches', 3], 'private', '1'],
    ]);
    expect(c[0]!.label).toBe('switches[0] core-1: v3 user srw-poller (authPriv, sha/aes keys from env V3_AUTH, env V3_PRIV)');
    expect(c[1]!.label).toBe('switches[1] old-1: v2c community from env RO_COMMUNITY');
    expect(c[2]!.label).toBe('switches[3] private: v1 community from file secrets/snmp.env key V1');
  });
});

describe('withoutSameValues', () => {
  it('drops a credential whose resolved values another one already has (same user and protocols for v3)', () => {
    const [v3, v2c, v1] = credentialCandidates(inv());
    const kept = withoutSameValues([
      { ...v3!, fingerprint: 'a' },
      { ...v3!, settings: { ...v3!.settings, user: 'other' }, fingerprint: 'a' },
      { ...v2c!, fingerprint: 'b' },
      { ...v2c!, path: ['upses', 0], fingerprint: 'b' },
      { ...v2c!, fingerprint: 'c' },
      { ...v1!, fingerprint: 'b' },
    ]);
    expect(kept.map((c) => [c.path, c.settings.version, c.fingerprint])).toEqual([
      [['switches', 0], '3', 'a'],
      [['switches', 0], '3', 'a'],
      [['switches', 1], '2c', 'b'],
      [['switches', 1], '2c', 'c'],
      [['switches', 3], '1', 'b'],
    ]);
  });
});

describe('vendorOf', () => {
  it('by the enterprise number of sysObjectID', () => {
    expect(vendorOf('1.3.6.1.4.1.9.1.1208')).toBe('Cisco');
    expect(vendorOf('1.3.6.1.4.1.318.1.3.27')).toBe('APC');
    expect(vendorOf('1.3.6.1.4.1.47196.4.1.1.1.303')).toBe('Aruba (HPE)');
    expect(vendorOf('1.3.6.1.4.1.99999.1')).toBe('enterprise 99999');
    expect(vendorOf('1.3.6.1.2.1.1')).toBeUndefined();
  });
});

describe('names for new entries', () => {
  it('follow the inventory rule: lower case, letters, digits and "-", starting with a letter', () => {
    expect(sanitiseName('SW-Parter.urzad.local', 'switch', '10.0.0.9')).toBe('sw-parter');
    expect(sanitiseName('Przełącznik Piętro 2', 'switch', '10.0.0.9')).toBe('przelacznik-pietro-2');
    expect(sanitiseName('<private>', 'switch', '10.0.0.9')).toBe('private');
    expect(sanitiseName('3com_4500', 'switch', '10.0.0.9')).toBe('sw-3com-4500');
    expect(sanitiseName('\x1b[31m', 'ups', '10.0.0.9')).toBe('ups-31m');
    expect(sanitiseName(undefined, 'ups', '10.0.0.9')).toBe('ups-10-0-0-9');
    expect(sanitiseName('***', 'switch', '10.0.0.9')).toBe('sw-10-0-0-9');
    expect(sanitiseName('a'.repeat(80), 'switch', '10.0.0.9')).toHaveLength(63);
    expect(uniqueName('private', new Set(['private', 'private-2']))).toBe('private-3');
    expect(uniqueName('a'.repeat(63), new Set(['a'.repeat(63)]))).toBe(`${'a'.repeat(61)}-2`);
  });
});

describe('addDiscovered', () => {
  const [v3, v2c] = credentialCandidates(inv()).map((c) => ({ ...c, credentials: {} }));
  const results: ScanResult[] = [
    found('10.10.0.20', { sysName: '<private>', model: 'WS-C2960X-48FPS-L', sysObjectID: '1.3.6.1.4.1.9.1.1208' }, v2c!),
    found('10.10.0.21', { sysName: '<private>', model: 'JL727A' }, v3!),
    found('10.10.0.30', { sysName: 'UPS-A', type: 'ups', model: 'Smart-UPS X 750\r\n' }, v2c!),
    found('10.10.0.3', { sysName: 'old-1' }, v2c!),
    { address: '10.10.0.40', status: 'silent', reason: 'no answer', ms: 1000 },
  ];

  it('appends the new devices with the credential that worked (as its reference), keeping every byte before', () => {
    const r = addDiscovered(INVENTORY, 'inventory.yaml', results, 161);
    expect(r.ok, JSON.stringify(!r.ok && r.problems)).toBe(true);
    if (!r.ok) return;
    const { text, drafts, skipped } = r.value;
    expect(text.startsWith(INVENTORY)).toBe(true);
    expect(text).toContain('# rdzeń');
    expect(text).toContain('model: Aruba CX 6300M   # stack');
    expect(drafts.map((d) => [d.list, d.name, d.address, d.model, d.network])).toEqual([
      ['switches', 'private-2', '10.10.0.20', 'WS-C2960X-48FPS-L', 'mgmt'],
      ['switches', 'private-3', '10.10.0.21', 'JL727A', 'mgmt'],
      ['upses', 'ups-a', '10.10.0.30', 'Smart-UPS X 750', 'mgmt'],
    ]);
    expect(drafts[0]!.renamed).toBe('private');
    expect(skipped).toEqual([{ address: '10.10.0.3', reason: 'already in the inventory as switches[1] old-1' }]);
    const after = inv(text);
    expect(after.switches.slice(0, 4)).toEqual(inv().switches);
    expect(after.switches[4]!.snmp).toMatchObject({ version: '2c', community: { env: 'RO_COMMUNITY' }, port: 161 });
    expect(after.switches[5]!.snmp).toMatchObject({ version: '3', user: 'srw-poller', level: 'authPriv', authKey: { env: 'V3_AUTH' }, privKey: { env: 'V3_PRIV' } });
    expect(after.upses).toHaveLength(1);
    // upses: did not exist: a new block at the end, not a re-printed file.
    expect(text.slice(INVENTORY.length)).toMatch(/\nupses:\n {2}- \{ name: "ups-a", address: "10\.10\.0\.30", network: "mgmt", model: "Smart-UPS X 750", snmp: \{ version: "2c", community: \{ env: "RO_COMMUNITY" \} \} \}\n$/);

    const again = addDiscovered(text, 'inventory.yaml', results, 161);
    expect(again.ok && again.value.drafts).toEqual([]);
    expect(again.ok && again.value.text).toBe(text);
    expect(again.ok && again.value.skipped.map((s) => s.address)).toEqual(['10.10.0.20', '10.10.0.21', '10.10.0.30', '10.10.0.3']);
  });

  it('a port other than 161 is written; an inventory that does not validate now is refused', () => {
    const r = addDiscovered(INVENTORY, 'inventory.yaml', results.slice(0, 1), 16161);
    expect(r.ok && inv(r.value.text).switches[4]!.snmp.port).toBe(16161);
    const broken = INVENTORY.replace('address: 10.10.0.3', 'address: 10.10.0.300');
    const refused = addDiscovered(broken, 'inventory.yaml', results, 161);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problems[0]!.path).toEqual(['switches', 1, 'address']);
  });
});
