// No secret value reaches srw's output, for every command that resolves secrets — and output is
// not searched for known values either: a switch named "sw-comware" whose community is
// "comware" prints as sw-comware, not sw-<secret> (issue 11, item 14).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import { labPjsipConf } from '../../voip/lab/config-file.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';
import { repoRoot } from '../helpers/run-srw.js';
import { BASE, change } from '../infra/inventory/base.js';

/** Distinctive values: any of them in the output is a leak. */
const SECRETS = {
  PVE_TOKEN: 'root@pam!srw=Zq7-pve-token-value',
  SNMP_COMMUNITY: 'Zq7-community-value',
  A: 'Zq7-v3-auth-value',
  P: 'Zq7-v3-priv-value',
  AMI_SECRET: 'Zq7-ami-monitor-value',
  AMI_ADMIN: 'Zq7-ami-admin-value',
  TRUNK: 'Zq7-trunk-value',
};

let dir: string;
let sim: AmiSimulator;
let inventory: string;
let closedUdpPort: number;

function srw(args: string[], env: NodeJS.ProcessEnv = SECRETS): Promise<{ code: number; out: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), '-i', inventory, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      res({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

/** A UDP port nobody listens on: SNMP there fails at once (port unreachable) or times out fast. */
async function freeTcpPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'srw-secrets-out-'));
  closedUdpPort = await freeTcpPort();
  const model = new PbxModel({ config: labPjsipConf(['201', '202']) });
  sim = await startAmiSimulator({
    model,
    authFailDelayMs: 10,
    users: {
      'srw-monitor': { secret: SECRETS.AMI_SECRET, read: ['system', 'call', 'reporting'], write: ['reporting'] },
      'srw-admin': { secret: SECRETS.AMI_ADMIN, read: ['system', 'config'], write: ['config', 'system'] },
    },
  });
  let text = change('  - name: core\n', '  - name: sw-comware\n');
  text = change('    address: 10.0.0.2\n    network: mgmt\n', '    address: 127.0.0.1\n', text);
  text = change('snmp: { version: 2c, community: { env: SNMP_COMMUNITY } }', `snmp: { version: 2c, community: { env: SNMP_COMMUNITY }, port: ${closedUdpPort}, timeoutMs: 300, retries: 0 }`, text);
  text = change('    address: 10.0.0.31\n', '    address: 127.0.0.2\n', text);
  text = change('privKey: { env: P } }', `privKey: { env: P }, port: ${closedUdpPort}, timeoutMs: 300, retries: 0 }`, text);
  text = change('    address: 10.0.40.10\n    monitor:', `    address: 127.0.0.1\n    port: ${sim.port}\n    admin: { user: srw-admin, secret: { env: AMI_ADMIN } }\n    monitor:`, text);
  text = change('  extensionRange: { from: 200, to: 299 }\n', '  extensionRange: { from: 200, to: 299 }\n  trunks:\n    - { name: op, host: sip.example.invalid, username: u48, secret: { env: TRUNK } }\n', text);
  inventory = join(dir, 'inventory.yaml');
  writeFileSync(inventory, text);
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// In this order: render generates the SIP passwords and PINs that validate --secrets then finds.
const commands: { name: string; args: string[]; shows: RegExp }[] = [
  { name: 'watch --once', args: ['watch', '--once', '--timeout', '2'], shows: /sw-comware/ },
  { name: 'watch --once --json', args: ['watch', '--once', '--json', '--timeout', '2'], shows: /"name": "sw-comware"/ },
  { name: 'exporter --check --json', args: ['exporter', '--check', '--json'], shows: /sw-comware/ },
  { name: 'voip render --out', args: ['voip', 'render', '--out', '$DIR/rendered'], shows: /wrote .*rendered\/pjsip\.conf/ },
  { name: 'validate --secrets', args: ['validate', '--secrets'], shows: /valid — Test City/ },
  { name: 'voip apply --dry-run', args: ['voip', 'apply', '--dry-run'], shows: /pjsip\.conf/ },
  { name: 'voip status', args: ['voip', 'status'], shows: /201/ },
  { name: 'voip status --json', args: ['voip', 'status', '--json'], shows: /"201"/ },
  { name: 'voip ext add', args: ['voip', 'ext', 'add', '240', '--name', 'Jan', '--department', 'IT', '--voicemail'], shows: /added extension 240/ },
  { name: 'voip ext list', args: ['voip', 'ext', 'list'], shows: /240 +Jan +IT/ },
];

describe('no secret value in the output of any command that resolves secrets', () => {
  it.each(commands)('$name', async ({ args, shows }) => {
    const r = await srw(args.map((a) => a.replace('$DIR', dir)));
    for (const v of Object.values(SECRETS)) expect(r.out).not.toContain(v);
    // Generated values (SIP passwords, PINs) stay in the secrets file too.
    let generated: string[] = [];
    try {
      generated = readFileSync(join(dir, 'secrets/pbx.env'), 'utf8').split('\n').map((l) => l.split('=')[1] ?? '').filter((v) => v.length >= 6);
    } catch {
      /* not generated yet */
    }
    for (const v of generated) expect(r.out).not.toContain(v);
    // It got past resolving the secrets and did its work.
    expect(r.out).toMatch(shows);
  }, 60_000);
});

describe('ordinary words that contain a secret value are printed as they are', () => {
  it('a switch "sw-comware" with the community "comware" is sw-comware in watch --once', async () => {
    const env = { ...SECRETS, SNMP_COMMUNITY: 'comware' };
    const text = await srw(['watch', '--once', '--timeout', '2'], env);
    expect(text.out).toContain('sw-comware');
    expect(text.out).not.toContain('<secret>');
    const json = await srw(['watch', '--once', '--json', '--timeout', '2'], env);
    expect(JSON.parse(json.out.slice(json.out.indexOf('{'))).devices.map((d: { name: string }) => d.name)).toContain('sw-comware');
  }, 60_000);
});
