import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { synthInventory } from '../../../infra/synth/synth.js';
import { ConstructPropsError } from '../../../infra/constructs/props-rules.js';
import { checkSynthOutput } from '../../../infra/proxmox/schema-check.js';
import { example, exampleDoc, exampleText, generated, loadText } from '../inventories.js';
import { repoRoot, runSrw } from '../../helpers/run-srw.js';
import { spawnSync } from 'node:child_process';

const work = mkdtempSync(join(tmpdir(), 'srw-synth-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('synthInventory', () => {
  it('writes stacks/<name>/cdk.tf.json and nothing else beside the output directory', () => {
    const dir = join(work, 'a');
    const out = join(dir, 'cdktf.out');
    const r = synthInventory(example(), { outDir: out });
    expect(r.written).toBe(true);
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(['compute', 'monitoring', 'network', 'voip']);
    expect(readdirSync(dir)).toEqual(['cdktf.out']);
    expect(r.stacks.map((s) => [s.name, s.resources > 0])).toEqual([['network', true], ['compute', true], ['voip', true], ['monitoring', true]]);
  });

  it('a failing stack leaves the previous tree untouched and no temporary directory behind', () => {
    const dir = join(work, 'b');
    const out = join(dir, 'cdktf.out');
    synthInventory(example(), { outDir: out });
    const before = readFileSync(join(out, 'stacks/network/cdk.tf.json'), 'utf8');
    const d = exampleDoc();
    // Valid for the inventory schema, but too long for a Proxmox security group name.
    d.roles.push({ name: 'a-role-name-over-eighteen', services: [] });
    expect(() => synthInventory(loadText(stringify(d)), { outDir: out })).toThrow(ConstructPropsError);
    expect(readdirSync(dir)).toEqual(['cdktf.out']);
    expect(readFileSync(join(out, 'stacks/network/cdk.tf.json'), 'utf8')).toBe(before);
  });

  it('a failing first synth leaves no directory behind, not even the parents it made', () => {
    const dir = join(work, 'c');
    const d = exampleDoc();
    d.roles.push({ name: 'a-role-name-over-eighteen', services: [] });
    expect(() => synthInventory(loadText(stringify(d)), { outDir: join(dir, 'build', 'cdktf.out') })).toThrow(ConstructPropsError);
    expect(existsSync(dir)).toBe(false);
  });

  it('200 hosts synthesize with zero schema findings', () => {
    const inv = generated(200);
    expect(inv.hosts).toHaveLength(200);
    const out = join(work, 'd', 'cdktf.out');
    const r = synthInventory(inv, { outDir: out });
    expect(checkSynthOutput(out)).toEqual([]);
    const compute = r.stacks.find((s) => s.name === 'compute')!;
    // 198 guests in compute (PBX and monitoring elsewhere), each with firewall options + rules.
    expect((compute.byType.proxmox_virtual_environment_vm ?? 0) + (compute.byType.proxmox_virtual_environment_container ?? 0)).toBe(198);
    expect(compute.byType.proxmox_virtual_environment_firewall_options).toBe(198);
  });
});

describe('srw synth', () => {
  const inventoryFile = join(work, 'inventory.yaml');
  writeFileSync(inventoryFile, exampleText());

  it('--list prints each stack with its resource count and writes nothing', () => {
    const r = runSrw(['synth', '--inventory', inventoryFile, '--list', '--out', join(work, 'e', 'cdktf.out')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^network\s+19\s+0$/m);
    // 39 SIP passwords + 30 voicemail PINs + trunk + 2 AMI users, each a sensitive variable
    expect(r.stdout).toMatch(/^voip\s+4\s+72$/m);
    expect(existsSync(join(work, 'e'))).toBe(false);
  });

  it('--check --json reports zero findings', () => {
    const r = runSrw(['synth', '--inventory', inventoryFile, '--check', '--json', '--out', join(work, 'f', 'cdktf.out')]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.findings).toEqual([]);
    expect(j.written).toBe(false);
  });

  it.each([
    { what: 'host on an unknown node', edit: (d: any) => (d.hosts[0].node = 'pve9'), where: /hosts\[0\]\.node/ },
    { what: 'NIC on an unknown network', edit: (d: any) => (d.hosts[1].nics[0].network = 'servces'), where: /hosts\[1\]\.nics\[0\]\.network/ },
    { what: 'duplicate vmid', edit: (d: any) => (d.hosts[2].vmid = d.hosts[1].vmid), where: /hosts\[2\]\.vmid/ },
  ])('bad inventory ($what) stops with the located error (exit 2), nothing written', ({ edit, where }) => {
    const d = exampleDoc();
    edit(d);
    const file = join(work, 'bad.yaml');
    writeFileSync(file, stringify(d));
    const out = join(work, 'g', 'cdktf.out');
    const r = runSrw(['synth', '--inventory', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`bad\\.yaml:\\d+:\\d+ ${where.source}`));
    expect(existsSync(join(work, 'g'))).toBe(false);
  });

  it('a construct rule failure is bad input too (exit 2), nothing written', () => {
    const d = exampleDoc();
    d.roles.push({ name: 'a-role-name-over-eighteen', services: [] });
    const file = join(work, 'long-role.yaml');
    writeFileSync(file, stringify(d));
    const r = runSrw(['synth', '--inventory', file, '--out', join(work, 'h', 'cdktf.out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('longer than 18 characters');
    expect(existsSync(join(work, 'h', 'cdktf.out'))).toBe(false);
  });

  it('cdktf.json\'s app (infra/app.ts) synthesizes the inventory named by SRW_INVENTORY into CDKTF_OUTDIR', () => {
    const out = join(work, 'app', 'cdktf.out');
    const r = spawnSync(process.execPath, [join(repoRoot, 'cli/bin/run-ts.js'), 'infra/app.ts'], {
      cwd: repoRoot,
      env: { ...process.env, SRW_INVENTORY: inventoryFile, CDKTF_OUTDIR: out },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(['compute', 'monitoring', 'network', 'voip']);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });
});
