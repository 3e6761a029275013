// `srw doctor` against a lab of real peers on loopback: simulated switches and a UPS answering
// SNMP, the AMI simulator with the two users srw has (its rights enforced as Asterisk does), a
// real Prometheus; plus a device that never answers, a user with too many rights and a file of
// secrets others can read.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labProfiles } from '../../monitoring/lab/sim-lab.js';
import { startSimDevice, type SimDevice } from '../../monitoring/lab/device.js';
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import { labInventory, labSecrets, type LabDevice } from '../../cli/demo/lab-inventory.js';
import { freeTcpPort, freeUdpPort } from '../e2e/lab/process.js';
import { startOnFreePort } from '../e2e/lab/process.js';
import { repoRoot } from '../helpers/run-srw.js';

type Row = { check: string; target?: string; status: string; detail: string; fix?: string; ms?: number };
type Report = { ok: boolean; checks: Row[] };

const COMMUNITY = 'doctor-lab-community';
const MONITOR = 'monitor-secret-doctor';
const ADMIN = 'admin-secret-doctor';
let dir: string;
let sims: SimDevice[] = [];
let ami: AmiSimulator;
let greedy: AmiSimulator;
let prometheus: { port: number; stop: () => Promise<void> };
let devices: LabDevice[];
let deadPort: number;

function srw(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', PROXMOX_VE_API_TOKEN: 'root@pam!srw=doctor', ...env } }, (err, stdout, stderr) =>
      res({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** An inventory of the lab: `amiPort` picks the PBX, `dead` adds a switch nobody answers for. */
function inventory(name: string, amiPort: number, opts: { dead?: boolean } = {}): string {
  const inv = labInventory({ devices, pbx: { address: '127.0.0.1', port: amiPort, user: 'srw-monitor' }, locale: 'en', interval: 10, secretsFile: 'secrets/lab.env' }) as any;
  inv.pbx.extensions = [];
  inv.pbx.ami.admin = { user: 'srw-admin', secret: { env: 'SRW_AMI_ADMIN_SECRET' } };
  if (opts.dead) inv.switches.push({ ...inv.switches[0], name: 'sw-dead', address: '127.0.1.99', snmp: { ...inv.switches[0].snmp, port: deadPort, timeoutMs: 300, retries: 0 } });
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(inv));
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'srw-doctor-'));
  mkdirSync(join(dir, 'secrets'), { mode: 0o700 });
  writeFileSync(join(dir, 'secrets', 'lab.env'), labSecrets(COMMUNITY, MONITOR), { mode: 0o600 });
  const { core, upses } = labProfiles(0, 1);
  sims = [await startSimDevice(core, { host: '127.0.1.1', community: COMMUNITY }), await startSimDevice(upses[0]!, { host: '127.0.1.2', community: COMMUNITY })];
  devices = [
    { kind: 'switch', name: core.sysName, model: core.model, address: sims[0]!.host, port: sims[0]!.port },
    { kind: 'ups', name: upses[0]!.sysName, model: upses[0]!.model, address: sims[1]!.host, port: sims[1]!.port, modules: ['system', 'ups'] },
  ];
  deadPort = await freeUdpPort();
  // The rights srw voip render writes into manager.conf: monitor write=reporting, admin write=config,system.
  ami = await startAmiSimulator({
    users: {
      'srw-monitor': { secret: MONITOR, read: ['system', 'call', 'reporting'], write: ['reporting'] },
      'srw-admin': { secret: ADMIN, read: ['system'], write: ['config', 'system'] },
    },
  });
  greedy = await startAmiSimulator({
    users: {
      'srw-monitor': { secret: MONITOR, read: ['all'], write: ['system', 'config', 'reporting'] },
      'srw-admin': { secret: ADMIN, read: ['system'], write: ['reporting'] },
    },
  });
  const work = join(dir, 'prometheus');
  mkdirSync(work);
  writeFileSync(join(work, 'prometheus.yml'), 'global: { scrape_interval: 1m }\n');
  prometheus = await startOnFreePort({
    what: 'prometheus',
    command: 'prometheus',
    args: (port) => [`--config.file=${join(work, 'prometheus.yml')}`, `--storage.tsdb.path=${join(work, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`],
    freePort: freeTcpPort,
    ready: async (port) => (await fetch(`http://127.0.0.1:${port}/-/ready`).catch(() => undefined))?.ok === true,
    tempDir: join(work, 'tsdb'),
    timeoutMs: 30_000,
  });
}, 90_000);

afterAll(async () => {
  await Promise.allSettled([...sims.map((s) => s.stop()), ami?.stop(), greedy?.stop(), prometheus?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('srw doctor', () => {
  it('a healthy installation: every check ok, SNMP and AMI timed, exit 0; the table says the same', async () => {
    const file = inventory('healthy', ami.port);
    const r = await srw(['doctor', '--json', '-i', file, '--prometheus', `http://127.0.0.1:${prometheus.port}`], { SRW_AMI_ADMIN_SECRET: ADMIN });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.checks.filter((c) => c.status !== 'ok' && c.check !== 'terraform')).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.ok).toBe(true);
    const snmp = report.checks.filter((c) => c.check === 'snmp');
    expect(snmp.map((c) => c.target?.split(' ')[0])).toEqual([devices[0]!.name, devices[1]!.name]);
    for (const c of snmp) expect(c.ms).toBeGreaterThan(0);
    expect(report.checks.find((c) => c.check === 'ami' && c.target?.startsWith('srw-monitor'))?.detail).toMatch(/least privilege/);
    expect(report.checks.find((c) => c.check === 'ami' && c.target?.startsWith('srw-admin'))?.status).toBe('ok');
    expect(report.checks.find((c) => c.check === 'prometheus')?.status).toBe('ok');

    const table = await srw(['doctor', '-i', file, '--prometheus', `http://127.0.0.1:${prometheus.port}`], { SRW_AMI_ADMIN_SECRET: ADMIN });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^CHECK\s+STATUS\s+DETAIL$/m);
    expect(table.stdout).toMatch(new RegExp(`^snmp ${devices[0]!.name} 127\\.0\\.1\\.1:\\d+\\s+ok\\s+answered in [\\d.]+ ms`, 'm'));
    expect(table.stdout).toMatch(/checks: \d+ ok, \d+ warnings, 0 failed/);
    for (const secret of [COMMUNITY, MONITOR, ADMIN]) expect(r.stdout + table.stdout).not.toContain(secret);
  }, 60_000);

  it('says what to fix: a dead switch, a monitor user with config rights, an admin without, a loose secrets file, no Prometheus; exit 1', async () => {
    const file = inventory('sick', greedy.port, { dead: true });
    chmodSync(join(dir, 'secrets', 'lab.env'), 0o644);
    try {
      const closed = await freeTcpPort();
      const r = await srw(['doctor', '--json', '--timeout', '1', '-i', file, '--prometheus', `http://127.0.0.1:${closed}`], { SRW_AMI_ADMIN_SECRET: ADMIN });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.ok).toBe(false);
      const row = (check: string, target: string) => report.checks.find((c) => c.check === check && (c.target ?? '').startsWith(target));
      // Nothing listens on the dead switch's loopback port: the kernel's port-unreachable ends the
      // check at once, and the fix names the address rather than the community.
      expect(row('snmp', 'sw-dead')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/ICMP port unreachable/), fix: expect.stringMatching(/check the address and port/) });
      expect(row('snmp', devices[0]!.name)?.status).toBe('ok');
      expect(row('ami', 'srw-monitor')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/configuration files/), fix: expect.stringMatching(/write=reporting/) });
      expect(row('ami', 'srw-admin')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/GetConfig is denied/) });
      expect(report.checks.filter((c) => c.check === 'secrets' && c.status === 'fail')).toEqual([
        expect.objectContaining({ detail: expect.stringMatching(/secrets\/lab\.env is readable by group or others/), fix: expect.stringMatching(/chmod 600/) }),
      ]);
      expect(row('prometheus', 'http://127.0.0.1')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/ECONNREFUSED/) });
      expect(r.stdout).not.toContain(COMMUNITY);
    } finally {
      chmodSync(join(dir, 'secrets', 'lab.env'), 0o600);
    }
  }, 60_000);

  it('a wrong AMI secret and an inventory that does not load', async () => {
    const file = inventory('wrong-secret', ami.port);
    const wrong = await srw(['doctor', '--json', '-i', file, '--prometheus', `http://127.0.0.1:${prometheus.port}`], { SRW_AMI_ADMIN_SECRET: 'not-the-admin-secret' });
    expect(wrong.code).toBe(1);
    const row = (JSON.parse(wrong.stdout) as Report).checks.find((c) => c.target?.startsWith('srw-admin'));
    expect(row).toMatchObject({ status: 'fail', detail: expect.stringMatching(/refused/), fix: expect.stringMatching(/manager\.conf/) });
    expect(wrong.stdout).not.toContain('not-the-admin-secret');

    writeFileSync(join(dir, 'broken.yaml'), 'site: { name: x }\nswitchez: []\n');
    const broken = await srw(['doctor', '--json', '-i', join(dir, 'broken.yaml')]);
    expect(broken.code).toBe(1);
    const checks = (JSON.parse(broken.stdout) as Report).checks;
    expect(checks.find((c) => c.check === 'inventory')).toMatchObject({ status: 'fail', fix: expect.stringMatching(/srw validate/) });
    expect(checks.filter((c) => c.status === 'skip').map((c) => c.check)).toEqual(['secrets', 'snmp', 'ami', 'prometheus']);
  }, 60_000);
});
