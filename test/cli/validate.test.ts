import { describe, expect, it } from 'vitest';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSrw } from '../helpers/run-srw.js';
import { BASE, change } from '../infra/inventory/base.js';

const dir = mkdtempSync(join(tmpdir(), 'srw-cli-'));

describe('srw validate', () => {
  it('exits 0 on the bundled example', () => {
    const r = runSrw(['validate', 'examples/starachowice.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid — .*3 nodes, 5 networks, 10 hosts, 6 switches, 2 UPSes, 39 extensions/);
  });

  it('prints five located errors for five mistakes and exits 2', () => {
    let text = change('vmid: 102', 'vmid: 101');
    text = change('{ network: voice, address: 10.0.40.10 }', '{ network: voise, address: 10.0.40.10 }', text);
    text = change('vlan: 20', 'vlan: 5000', text);
    text = change('number: 202', 'number: 302', text);
    text = change('version: 2c', 'version: 4', text);
    const file = join(dir, 'five.yaml');
    writeFileSync(file, text);
    const r = runSrw(['validate', file]);
    expect(r.code).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(5);
    for (const e of errors) expect(e).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ \\S+: `));
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each([
    ['missing', join(dir, 'missing.yaml')],
    ['directory', dir],
  ])('a %s file is one clear line and exit 2', (_what, file) => {
    const r = runSrw(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads the inventory from SRW_INVENTORY, and --inventory wins over it', () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, BASE);
    expect(runSrw(['validate'], { env: { SRW_INVENTORY: good } }).code).toBe(0);
    expect(runSrw(['--inventory', good, 'validate'], { env: { SRW_INVENTORY: join(dir, 'nope.yaml') } }).code).toBe(0);
    const r = runSrw(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('inventory.yaml: no such file');
  });

  it('with no inventory at all, points a newcomer at srw demo and the example; a wrong path named on purpose gets no such hint', () => {
    const none = runSrw(['watch', '--once'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('error: inventory.yaml: no such file (pass --inventory FILE or set SRW_INVENTORY); `srw demo` shows srw on a simulated server room, examples/starachowice.yaml is a full example');
    const named = runSrw(['watch', '--once', '-i', join(dir, 'nope.yaml')], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).not.toContain('srw demo');
  });

  it('bad usage exits 2', () => {
    expect(runSrw(['validate', '--no-such-flag']).code).toBe(2);
    expect(runSrw(['no-such-command']).code).toBe(2);
  });
});

describe('srw validate --secrets', () => {
  it('reports each unresolvable reference with its location, warns on loose file modes, never prints values', () => {
    const d = mkdtempSync(join(tmpdir(), 'srw-sec-'));
    const file = join(d, 'inv.yaml');
    writeFileSync(file, change('community: { env: SNMP_COMMUNITY }', 'community: { file: snmp.env, key: COMMUNITY }'));
    writeFileSync(join(d, 'snmp.env'), 'COMMUNITY=community-value-1\n', { mode: 0o644 });
    const env = { PVE_TOKEN: 'token-value-1', A: 'auth-value-1', P: 'priv-value-1' };
    const r = runSrw(['validate', '--secrets', file], { env });
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => /^(error|warning):/.test(l));
    expect(lines).toEqual([
      `warning: ${file}:48:37 switches[0].snmp.community: secrets file snmp.env is readable by group or others (mode 644); run chmod 600 snmp.env`,
      `error: ${file}:58:43 pbx.ami.monitor.secret: secret reference env AMI_SECRET: the environment variable is not set`,
      `error: ${file}:61:17 pbx.extensions[0].number: secret reference file secrets/pbx.env: no such file`,
    ]);
    for (const v of [...Object.values(env), 'community-value-1']) expect(r.stdout + r.stderr).not.toContain(v);
    const ok = runSrw(['validate', '--secrets', file], { env: { ...env, AMI_SECRET: 'ami-value-1' } });
    expect(ok.code).toBe(2); // the generated SIP secrets file does not exist yet
  });
});

describe('srw validate --secrets and files outside the inventory directory', () => {
  it('warns about { file: <outside> } instead of advising chmod on it, and never prints its content', () => {
    const d = mkdtempSync(join(tmpdir(), 'srw-out-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'srw-etc-'));
    const shadow = join(elsewhere, 'shadow');
    writeFileSync(shadow, 'root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\n', { mode: 0o644 });
    const file = join(d, 'inv.yaml');
    writeFileSync(file, change('community: { env: SNMP_COMMUNITY }', `community: { file: ${shadow} }`));
    const env = { PVE_TOKEN: 'token-value-1', A: 'auth-value-1', P: 'priv-value-1', AMI_SECRET: 'ami-value-1' };
    const r = runSrw(['validate', '--secrets', file], { env });
    const lines = r.stderr.split('\n').filter((l) => /^(error|warning):/.test(l));
    expect(lines[0]).toBe(
      `warning: ${file}:48:37 switches[0].snmp.community: secret reference file ${shadow} is outside the inventory's directory (it is ${realpathSync(shadow)}): check that this inventory should read it (it is readable by group or others, mode 644)`,
    );
    expect(r.stderr).not.toMatch(/chmod/);
    expect(r.stdout + r.stderr).not.toContain('hashhashhash');
  });
});

describe('a monitoring-only inventory through the commands', () => {
  it('validates and checks the exporter without a proxmox section; synth says there is nothing to provision', () => {
    const d = mkdtempSync(join(tmpdir(), 'srw-monitor-only-'));
    const file = join(d, 'inv.yaml');
    writeFileSync(file, 'site: { name: Gmina }\nswitches:\n  - { name: sw-a, address: 10.0.0.5, model: HPE, snmp: { version: 2c, community: { env: C } } }\n  - { name: sw-b, address: 10.0.0.5, model: HPE, snmp: { version: 2c, community: { env: C }, port: 1161 } }\n');
    const v = runSrw(['validate', file]);
    expect(v.stdout).toContain('valid');
    expect(v.code).toBe(0);
    const check = runSrw(['-i', file, 'exporter', '--check', '--json'], { env: { C: 'community-1' } });
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout).devices.map((x: { name: string }) => x.name)).toEqual(['sw-a', 'sw-b']);
    const synth = runSrw(['-i', file, 'synth', '--list']);
    expect(synth.code).toBe(2);
    expect(synth.stderr).toContain('the inventory has no proxmox section: there is nothing to provision');
  }, 60_000);
});

describe('problems found after loading', () => {
  it('a secret that does not resolve in `srw voip render` is reported with its line and column', () => {
    const d = mkdtempSync(join(tmpdir(), 'srw-render-'));
    const file = join(d, 'inv.yaml');
    writeFileSync(file, BASE);
    const r = runSrw(['-i', file, 'voip', 'render', '--out', join(d, 'out')], { env: { PVE_TOKEN: 'x' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${file}:58:43 pbx.ami.monitor.secret: secret reference env AMI_SECRET: the environment variable is not set`);
  });
});

describe('srw inventory', () => {
  it('show prints references, never resolved secret values', () => {
    const secretsDir = mkdtempSync(join(tmpdir(), 'srw-show-'));
    const file = join(secretsDir, 'inv.yaml');
    writeFileSync(join(secretsDir, 'snmp.env'), 'COMMUNITY=s3cr3t-community-value\n', { mode: 0o600 });
    writeFileSync(file, change('community: { env: SNMP_COMMUNITY }', 'community: { file: snmp.env, key: COMMUNITY }'));
    const env = { PVE_TOKEN: 'root@pam!srw=token-value-123', AMI_SECRET: 'ami-secret-value-456', A: 'auth-value-789', P: 'priv-value-012' };
    for (const args of [['show'], ['show', '--json']]) {
      const r = runSrw(['--inventory', file, 'inventory', ...args], { env });
      expect(r.code).toBe(0);
      const all = r.stdout + r.stderr;
      for (const v of [...Object.values(env), 's3cr3t-community-value']) expect(all).not.toContain(v);
      expect(all).toContain('PVE_TOKEN');
      expect(all).toContain('snmp.env');
    }
    const json = JSON.parse(runSrw(['--inventory', file, 'inventory', 'show', '--json'], { env }).stdout);
    expect(json.proxmox.apiToken).toEqual({ env: 'PVE_TOKEN' });
    expect(json.hosts[0].cpu).toBe(2); // defaults filled in
  });

  it('schema prints a JSON Schema that describes the inventory sections', () => {
    const r = runSrw(['inventory', 'schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['site', 'proxmox', 'networks', 'hosts', 'switches', 'upses', 'pbx']));
    // proxmox may be left out: an inventory that only monitors switches, UPSes and a PBX
    expect(schema.required).toEqual(['site']);
    expect(schema.properties.networks.items.properties.vlan).toMatchObject({ minimum: 1, maximum: 4094 });
  });
});
