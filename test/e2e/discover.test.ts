// `srw discover` against real agents on loopback, run as a user runs it (the built CLI, in a
// child process, so the lab's own sockets keep answering): Net-SNMP's snmpd with a v3 user and a
// v2c community, a silent host, a host answering garbage, and (tagged snmprec) snmpsimd serving
// one LibreNMS recording per address. --write goes through the inventory lock of `voip ext add`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInventory } from '../../infra/inventory/index.js';
import { repoRoot, runSrw } from '../helpers/run-srw.js';
import { requireSnmprecDir, SNMPREC_TAG } from '../helpers/snmprec.js';
import { startDiscoverLab, type DiscoverLab } from './lab/discover-lab.js';

const SECRETS = { LAB_AUTH: 'discover-auth-key-1', LAB_PRIV: 'discover-priv-key-1', LAB_COMM: 'discover-ro-community' };
const env = { ...SECRETS, NO_COLOR: '1', SRW_INVENTORY: '' };

const inventoryText = (extra = '') => `# the server room of a test city hall
site: { name: Test }
switches:
  # known devices: their snmp blocks are the credentials discover tries
  - name: core-1
    address: 10.10.0.2
    model: Aruba CX 6300M
    snmp:
      version: "3"
      user: labv3
      authKey: { env: LAB_AUTH }
      privKey: { env: LAB_PRIV }
  - name: old-1
    address: 10.10.0.3
    model: HP ProCurve   # the old one
    snmp: { version: "2c", community: { env: LAB_COMM } }
${extra}`;

type Run = { code: number | null; stdout: string; stderr: string };

/** The CLI in a child process without blocking this one (the lab's sockets live here). */
function srw(args: string[], opts: { onStdout?: (all: string) => void } = {}): { done: Promise<Run>; exited: () => boolean } {
  const child = spawn(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    opts.onStdout?.(stdout);
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<Run>((ok) =>
    child.on('close', (code) => {
      exited = true;
      ok({ code, stdout, stderr });
    }),
  );
  return { done, exited: () => exited };
}

type Device = { address: string; status: string; reason?: string; type?: string; vendor?: string; model?: string; sysName?: string; ports?: number; lldpNeighbours?: string[]; credential?: { path: (string | number)[]; label: string }; inventory?: { name: string } };
type Json = { ok: boolean; counts: Record<string, number>; devices: Device[]; written?: { added: { list: string; name: string; address: string; model: string }[]; skipped: { address: string; reason: string }[] } };

function noSecretIn(...texts: string[]): void {
  for (const t of texts) for (const s of Object.values(SECRETS)) expect(t).not.toContain(s);
}

/** Ethernet interfaces (ifType 6, 62, 69, 117) of an agent, counted by Net-SNMP's snmpwalk. */
function ethernetBySnmpwalk(address: string, port: number): number {
  const r = spawnSync('snmpwalk', ['-v2c', '-c', SECRETS.LAB_COMM, '-On', '-Oe', '-t', '2', `${address}:${port}`, '1.3.6.1.2.1.2.2.1.3'], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => /INTEGER: (6|62|69|117)$/.test(l)).length;
}

const tmp = mkdtempSync(join(tmpdir(), 'srw-discover-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
function inventoryFile(text = inventoryText()): string {
  const dir = join(tmp, `inv-${n++}`);
  spawnSync('mkdir', ['-p', dir]);
  const file = join(dir, 'inventory.yaml');
  writeFileSync(file, text);
  return file;
}

describe('srw discover: bad input', () => {
  it('a bad network is a usage error naming the argument (exit 2); nothing is scanned', () => {
    const file = inventoryFile();
    const r = runSrw(['-i', file, 'discover', '127.0.0.0/30', '10.0.0.300/24', 'mgmt'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: "10.0.0.300/24": not an IPv4 network');
    expect(r.stderr).toContain('error: "mgmt": not an IPv4 network');
    expect(r.stdout).toBe('');
    const big = runSrw(['-i', file, 'discover', '10.0.0.0/8'], { env });
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/"10\.0\.0\.0\/8": 16777214 addresses is more than srw discover scans/);
    const wide = runSrw(['-i', file, 'discover', '10.0.0.0/15', '--json'], { env });
    expect(wide.code).toBe(2);
    expect(JSON.parse(wide.stderr).error.message).toMatch(/more than a \/16 \(65536\); check the prefix length, or pass --force/);
  });

  it('bad option values and an inventory without credentials are refused (exit 2)', () => {
    const file = inventoryFile();
    expect(runSrw(['-i', file, 'discover', '127.0.0.1', '--timeout', 'soon'], { env }).stderr).toMatch(/--timeout expects seconds/);
    expect(runSrw(['-i', file, 'discover', '127.0.0.1', '--concurrency', '0'], { env }).code).toBe(2);
    const none = inventoryFile('site: { name: Empty }\n');
    const r = runSrw(['-i', none, 'discover', '127.0.0.1'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no switches or upses with an snmp block/);
    // A reference that does not resolve is named (never a value) and that credential skipped.
    const missing = runSrw(['-i', file, 'discover', '127.0.0.1'], { env: { ...env, LAB_COMM: '' } });
    expect(missing.stderr).toMatch(/switches\[1\] old-1 not tried/);
  });
});

describe('srw discover: credentials', () => {
  it('a second reference to a value already tried is not tried again; the table says which were', async () => {
    const file = inventoryFile(inventoryText('  - name: old-2\n    address: 10.10.0.4\n    model: HP\n    snmp: { version: "2c", community: { env: SAME_COMMUNITY } }\n'));
    // Port 9 on loopback: nothing listens, the kernel answers port unreachable at once.
    const r = await srw(['-i', file, 'discover', '127.0.0.1', '--port', '9']).done;
    process.env.SAME_COMMUNITY = SECRETS.LAB_COMM;
    const same = await srw(['-i', file, 'discover', '127.0.0.1', '--port', '9']).done;
    delete process.env.SAME_COMMUNITY;
    // Unset, it is named and skipped; set to the same value as LAB_COMM, it is dropped as a repeat.
    expect(r.stderr).toMatch(/SAME_COMMUNITY.*switches\[2\] old-2 not tried/);
    expect(same.stderr).toBe('');
    expect(same.stdout).toMatch(/1 address in \d+\.\d s: 1 unreachable/);
    expect(same.stdout).toContain('credentials tried, in this order: switches[0] core-1: v3 user labv3 (authPriv, sha/aes keys from env LAB_AUTH, env LAB_PRIV); switches[1] old-1: v2c community from env LAB_COMM\n');
  });
});

describe('srw discover: snmpd (v3 and v2c), a silent host, garbage, a closed port', () => {
  let lab: DiscoverLab;
  const SNMPD = '127.0.0.51';
  beforeAll(async () => {
    lab = await startDiscoverLab({ community: SECRETS.LAB_COMM, snmpd: { address: SNMPD, sysName: 'Lab-Discover.urzad.local', v3: { user: 'labv3', authKey: SECRETS.LAB_AUTH, privKey: SECRETS.LAB_PRIV } }, silent: ['127.0.0.52'], garbage: ['127.0.0.53'] });
  }, 60_000);
  afterAll(async () => lab?.stop());
  const scanArgs = () => ['discover', '127.0.0.50/29', '--port', String(lab.port), '--timeout', '1s', '--retries', '1'];

  it('finds snmpd with the v3 user although the community works too; reports each other address for what it is', async () => {
    const file = inventoryFile();
    const r = await srw(['-i', file, ...scanArgs(), '--json']).done;
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Json;
    const by = new Map(out.devices.map((d) => [d.address, d]));
    const agent = by.get(SNMPD)!;
    expect(agent).toMatchObject({ status: 'found', type: 'switch', vendor: 'Net-SNMP', sysName: 'Lab-Discover.urzad.local', model: 'Net-SNMP agent of the srw discover lab' });
    expect(agent.credential!.path).toEqual(['switches', 0]);
    expect(agent.credential!.label).toMatch(/^switches\[0\] core-1: v3 user labv3 /);
    expect(agent.ports).toBe(ethernetBySnmpwalk(SNMPD, lab.port));
    expect(by.get('127.0.0.52')).toMatchObject({ status: 'silent' });
    expect(by.get('127.0.0.53')).toMatchObject({ status: 'garbage', reason: expect.stringMatching(/not valid SNMP.*unparsable/) });
    expect(by.get('127.0.0.54')).toMatchObject({ status: 'unreachable' });
    // Every address of the /29, in order, each reported.
    expect(out.devices.map((d) => d.address)).toEqual(['127.0.0.49', '127.0.0.50', '127.0.0.51', '127.0.0.52', '127.0.0.53', '127.0.0.54']);
    noSecretIn(r.stdout, r.stderr);
  });

  it('a wrong v3 key falls back to the community; wrong credentials everywhere are reported as refused', async () => {
    const file = inventoryFile(inventoryText().replace('env: LAB_AUTH', 'env: WRONG_AUTH'));
    process.env.WRONG_AUTH = 'not-the-auth-key';
    try {
      const v2 = JSON.parse((await srw(['-i', file, 'discover', SNMPD, '--port', String(lab.port), '--json']).done).stdout) as Json;
      expect(v2.devices[0]!.credential!.path).toEqual(['switches', 1]);
      const none = inventoryFile(inventoryText().replace('env: LAB_AUTH', 'env: WRONG_AUTH').replace('env: LAB_COMM', 'env: WRONG_AUTH'));
      const r = await srw(['-i', none, 'discover', SNMPD, '--port', String(lab.port)]).done;
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/127\.0\.0\.51 +refused +the agent refused switches\[0\] core-1/);
      expect(r.stdout).not.toContain('not-the-auth-key');
    } finally {
      delete process.env.WRONG_AUTH;
    }
  });

  it('--device-timeout and --total-timeout bound the run: what had no time is reported as cancelled, exit 1', async () => {
    const file = inventoryFile();
    const t0 = Date.now();
    const r = await srw(['-i', file, 'discover', '127.0.0.52', SNMPD, '127.0.0.53', '--port', String(lab.port), '--timeout', '1s', '--concurrency', '1', '--total-timeout', '1.5s', '--json']).done;
    expect(Date.now() - t0).toBeLessThan(6000);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Json & { timedOut: boolean };
    expect(out.timedOut).toBe(true);
    expect(out.devices.map((d) => [d.address, d.status])).toEqual([
      ['127.0.0.52', 'cancelled'],
      [SNMPD, 'cancelled'],
      ['127.0.0.53', 'cancelled'],
    ]);
    expect(out.devices[2]!.reason).toBe('not probed: the run was out of time');
    const one = JSON.parse((await srw(['-i', file, 'discover', '127.0.0.52', SNMPD, '--port', String(lab.port), '--timeout', '1s', '--device-timeout', '500ms', '--json']).done).stdout) as Json;
    expect(one.devices.map((d) => [d.address, d.status])).toEqual([
      ['127.0.0.52', 'cancelled'],
      [SNMPD, 'found'],
    ]);
  });

  it('the table: only what answered, the credential by its place, known devices marked', async () => {
    const file = inventoryFile(inventoryText(`  - name: lab-known\n    address: ${'127.0.0.51'}\n    model: Net-SNMP\n    snmp: { version: "2c", community: { env: LAB_COMM }, port: PORT }\n`).replace('PORT', String(lab.port)));
    const r = await srw(['-i', file, ...scanArgs()]).done;
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^ADDRESS +STATUS +SYSNAME +TYPE +VENDOR +MODEL +PORTS +LLDP +CREDENTIAL \/ REASON +INVENTORY$/);
    expect(lines.find((l) => l.startsWith('127.0.0.51'))).toMatch(/found +Lab-Discover\.urzad\.local +switch +Net-SNMP .* switches\[0\] core-1 \(v3\) +known: lab-known$/);
    expect(lines.some((l) => l.startsWith('127.0.0.52'))).toBe(false);
    expect(r.stdout).toMatch(/6 addresses in \d+\.\d s: /);
    expect(r.stdout).toContain('credentials tried, in this order: switches[0] core-1: v3 user labv3 (authPriv, sha/aes keys from env LAB_AUTH, env LAB_PRIV); switches[1] old-1: v2c community from env LAB_COMM');
    noSecretIn(r.stdout, r.stderr);
  });

  it('--write adds the new device with the credential reference, keeps comments and existing entries, validates; a second --write adds nothing', async () => {
    const file = inventoryFile();
    const before = readFileSync(file, 'utf8');
    const r = await srw(['-i', file, ...scanArgs(), '--write']).done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\+ switches: lab-discover 127\.0\.0\.51 "Net-SNMP agent of the srw discover lab" \(credential of switches\[0\] core-1/);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after).toContain('# known devices: their snmp blocks are the credentials discover tries');
    expect(after).toContain('model: HP ProCurve   # the old one');
    noSecretIn(after, r.stdout, r.stderr);
    const inv = parseInventory(after, file);
    expect(inv.ok).toBe(true);
    const added = inv.ok ? inv.value.switches[2]! : undefined;
    expect(added).toMatchObject({ name: 'lab-discover', address: SNMPD, model: 'Net-SNMP agent of the srw discover lab', snmp: { version: '3', user: 'labv3', authKey: { env: 'LAB_AUTH' }, privKey: { env: 'LAB_PRIV' }, port: lab.port } });
    expect(inv.ok && inv.value.switches).toHaveLength(3);
    const validate = runSrw(['validate', file], { env });
    expect(validate.code, validate.stderr).toBe(0);
    // The change is in the audit trail, by name.
    expect(readFileSync(join(file, '..', 'inventory.audit.jsonl'), 'utf8')).toMatch(/"summary":"discover: added lab-discover"/);

    const again = await srw(['-i', file, ...scanArgs(), '--write', '--json']).done;
    expect(again.code, again.stderr).toBe(0);
    const out = JSON.parse(again.stdout) as Json;
    expect(out.written!.added).toEqual([]);
    expect(out.written!.skipped).toEqual([{ address: SNMPD, reason: 'already in the inventory as switches[2] lab-discover' }]);
    expect(out.devices.find((d) => d.address === SNMPD)!.inventory).toMatchObject({ name: 'lab-discover' });
    expect(readFileSync(file, 'utf8')).toBe(after);
  });

  it('--write waits for the inventory lock and applies to the file as it is then: an entry added meanwhile is kept and its name not reused', async () => {
    const file = inventoryFile();
    const release = lockfile.lockSync(file, { realpath: false });
    let released = false;
    try {
      let scanned!: () => void;
      const scannedP = new Promise<void>((ok) => (scanned = ok));
      const run = srw(['-i', file, 'discover', SNMPD, '--port', String(lab.port), '--write'], { onStdout: (s) => s.includes('credentials tried') && scanned() });
      await scannedP;
      // Another editor, holding the lock, adds a switch by hand under the name discover would pick.
      const hand = inventoryText('  - name: lab-discover\n    address: 10.10.0.9\n    model: by hand\n    snmp: { version: "2c", community: { env: LAB_COMM } }\n');
      writeFileSync(file, hand);
      await new Promise((ok) => setTimeout(ok, 800));
      expect(run.exited()).toBe(false);
      expect(readFileSync(file, 'utf8')).toBe(hand);
      release();
      released = true;
      const r = await run.done;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('+ switches: lab-discover-2 127.0.0.51');
      expect(r.stdout).toContain('sysName gives "lab-discover", which is taken');
      const after = readFileSync(file, 'utf8');
      expect(after.startsWith(hand)).toBe(true);
      const inv = parseInventory(after, file);
      expect(inv.ok && inv.value.switches.map((s) => s.name)).toEqual(['core-1', 'old-1', 'lab-discover', 'lab-discover-2']);
    } finally {
      if (!released) release();
    }
  });

  it('an inventory broken while the scan ran is reported and left as it is: nothing half-written', async () => {
    const file = inventoryFile();
    const release = lockfile.lockSync(file, { realpath: false });
    let scanned!: () => void;
    const scannedP = new Promise<void>((ok) => (scanned = ok));
    const run = srw(['-i', file, 'discover', SNMPD, '--port', String(lab.port), '--write'], { onStdout: (s) => s.includes('credentials tried') && scanned() });
    await scannedP;
    const broken = inventoryText().replace('address: 10.10.0.3', 'address: 10.10.0.300');
    writeFileSync(file, broken);
    release();
    const r = await run.done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/inventory\.yaml:\d+:\d+ .*switches\[1\]\.address.*\(nothing written\)/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
    expect(readdirSync(join(file, '..')).filter((f) => f.includes('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });
});

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

describe('srw discover: what devices say reaches the terminal harmless and the inventory valid', () => {
  let lab: DiscoverLab;
  const HOSTILE = '127.0.0.81';
  const UPS = '127.0.0.82';
  beforeAll(async () => {
    lab = await startDiscoverLab({
      community: SECRETS.LAB_COMM,
      records: {
        // Made up for this test: escape sequences in sysName, sysDescr and an LLDP name, and a sysObjectID of the wrong type.
        [HOSTILE]: [
          `1.0.8802.1.1.2.1.4.1.1.9.0.1.1|4x|${hex('nb\x1b[5m')}`,
          `1.3.6.1.2.1.1.1.0|4x|${hex('Line one\r\n\x1b[31mred')}`,
          '1.3.6.1.2.1.1.2.0|4|not-an-oid',
          `1.3.6.1.2.1.1.5.0|4x|${hex('sw\x1b[2J\x1b]8;;http://x\x07Evil')}`,
          '1.3.6.1.2.1.2.1.0|2|3',
          '1.3.6.1.2.1.2.2.1.3.1|2|6',
          '1.3.6.1.2.1.2.2.1.3.2|2|117',
          '1.3.6.1.2.1.2.2.1.3.3|2|24',
          '',
        ].join('\n'),
        // An RFC 1628 UPS from a maker srw has no name for.
        [UPS]: ['1.3.6.1.2.1.1.1.0|4|UPS card', '1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.99999.1', '1.3.6.1.2.1.1.5.0|4|UPS-Serwerownia', '1.3.6.1.2.1.33.1.1.1.0|4|Ever', '1.3.6.1.2.1.33.1.1.2.0|4|Sinline 1200', ''].join('\n'),
      },
    });
  }, 60_000);
  afterAll(async () => lab?.stop());

  it('control characters are shown, never sent; odd values are noted; the written entries validate', async () => {
    const file = inventoryFile();
    const args = ['-i', file, 'discover', HOSTILE, UPS, '--port', String(lab.port), '--timeout', '2s'];
    const table = await srw(args).done;
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    // Shown as \uXXXX, then clipped to the column: the visible form, never a raw byte, is cut.
    expect(table.stdout).toMatch(/127\.0\.0\.81 +found +sw\\u001b\[2J\\u001b\]8;;ht… +switch +Line one +2 +nb\\u001b\[5m/);
    expect(table.stdout).toContain('nb\\u001b[5m');

    const json = JSON.parse((await srw([...args, '--json']).done).stdout) as Json;
    const hostile = json.devices.find((d) => d.address === HOSTILE)! as Device & { notes: string[]; vendor?: string };
    expect(hostile).toMatchObject({ status: 'found', sysName: 'sw\x1b[2J\x1b]8;;http://x\x07Evil', model: 'Line one', ports: 2, lldpNeighbours: ['nb\x1b[5m'] });
    expect(hostile.vendor).toBeUndefined();
    expect(hostile.notes).toContain('sysObjectID is not an OID (type octets); ignored');
    expect(json.devices.find((d) => d.address === UPS)).toMatchObject({ status: 'found', type: 'ups', vendor: 'enterprise 99999', model: 'Sinline 1200', sysName: 'UPS-Serwerownia' });

    const write = await srw([...args, '--write']).done;
    expect(write.code, write.stderr).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    const inv = parseInventory(after, file);
    expect(inv.ok && inv.value.switches[2]).toMatchObject({ name: 'sw-2j-8-http-x-evil', address: HOSTILE, model: 'Line one' });
    expect(inv.ok && inv.value.upses[0]).toMatchObject({ name: 'ups-serwerownia', address: UPS, model: 'Sinline 1200' });
  });
});

/** Ethernet ifType rows of a recording, read from the file itself. */
function recordingFacts(stem: string): { ethernet: number; lldp: string[] } {
  const text = readFileSync(join(requireSnmprecDir(), `${stem}.snmprec`), 'utf8');
  const ethernet = text.split('\n').filter((l) => /^1\.3\.6\.1\.2\.1\.2\.2\.1\.3\.\d+\|2\|(6|62|69|117)$/.test(l.trim())).length;
  const lldp = [...new Set(text.split('\n').flatMap((l) => /^1\.0\.8802\.1\.1\.2\.1\.4\.1\.1\.9\.[\d.]+\|4\|(.+)$/.exec(l.trim())?.[1] ?? []))].sort();
  return { ethernet, lldp };
}

describe('srw discover: LibreNMS recordings, one per address', { tags: [SNMPREC_TAG] }, () => {
  let lab: DiscoverLab;
  const DEVICES = [
    { address: '127.0.0.65', stem: 'ios_2960x', type: 'switch', vendor: 'Cisco', model: 'WS-C2960X-48FPS-L' },
    { address: '127.0.0.66', stem: 'arubaos-cx_10.07', type: 'switch', vendor: 'Aruba (HPE)', model: 'JL727A' },
    { address: '127.0.0.67', stem: 'apc_smt750x-nmc2', type: 'ups', vendor: 'APC', model: 'Smart-UPS X 750' },
    { address: '127.0.0.68', stem: 'eaton-mgeups_9pxle', type: 'ups', vendor: 'Eaton (MGE)', model: 'Eaton 9PX 1000i RT 2U' },
    { address: '127.0.0.69', stem: 'procurve_e2910', type: 'switch', vendor: 'HP', model: 'J9146A' },
  ];
  beforeAll(async () => {
    lab = await startDiscoverLab({ community: SECRETS.LAB_COMM, recordings: Object.fromEntries(DEVICES.map((d) => [d.address, d.stem])) });
  }, 90_000);
  afterAll(async () => lab?.stop());
  // snmpsimd is one Python process serving all five: give it time.
  const args = () => ['discover', '127.0.0.64/29', '--port', String(lab.port), '--timeout', '3s'];

  it('vendor, model, switch or UPS, ports and LLDP neighbours of each recording, found with the community', async () => {
    const file = inventoryFile();
    const r = await srw(['-i', file, ...args(), '--json']).done;
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Json;
    for (const d of DEVICES) {
      const got = out.devices.find((x) => x.address === d.address)!;
      const facts = recordingFacts(d.stem);
      expect(got, d.stem).toMatchObject({ status: 'found', type: d.type, vendor: d.vendor, model: d.model, sysName: '<private>' });
      expect(got.credential!.path, d.stem).toEqual(['switches', 1]);
      if (facts.ethernet > 0) expect(got.ports, d.stem).toBe(facts.ethernet);
      expect(got.lldpNeighbours, d.stem).toEqual(facts.lldp);
    }
    expect(out.devices.find((x) => x.address === '127.0.0.66')!.lldpNeighbours!.length).toBeGreaterThan(0);
    noSecretIn(r.stdout, r.stderr);
  }, 60_000);

  it('--write puts switches and UPSes in their lists; the same sysName gets a suffix, in address order', async () => {
    const file = inventoryFile();
    const r = await srw(['-i', file, ...args(), '--write', '--json']).done;
    expect(r.code, r.stderr).toBe(0);
    const after = readFileSync(file, 'utf8');
    const inv = parseInventory(after, file);
    expect(inv.ok).toBe(true);
    if (!inv.ok) return;
    expect(inv.value.switches.slice(2).map((s) => [s.name, s.address, s.model])).toEqual([
      ['private', '127.0.0.65', 'WS-C2960X-48FPS-L'],
      ['private-2', '127.0.0.66', 'JL727A'],
      ['private-5', '127.0.0.69', 'J9146A'],
    ]);
    expect(inv.value.upses.map((s) => [s.name, s.address, s.model])).toEqual([
      ['private-3', '127.0.0.67', 'Smart-UPS X 750'],
      ['private-4', '127.0.0.68', 'Eaton 9PX 1000i RT 2U'],
    ]);
    expect(inv.value.upses[0]!.snmp).toMatchObject({ version: '2c', community: { env: 'LAB_COMM' }, port: lab.port });
    expect(runSrw(['validate', file], { env }).code).toBe(0);
  }, 60_000);
});
