import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { synthInventory } from '../../../infra/synth/synth.js';
import { checkSynthOutput, loadProviderSchema, type Finding } from '../../../infra/proxmox/schema-check.js';
import type { Inventory } from '../../../infra/inventory/index.js';
import { example, exampleDoc, loadText } from '../inventories.js';
import { stringify } from 'yaml';

const schema = loadProviderSchema();

/** Synthesizes without writing; returns each stack's JSON and the schema findings. */
function synth(inv: Inventory): { stacks: Record<string, any>; findings: Finding[] } {
  const stacks: Record<string, any> = {};
  let findings: Finding[] = [];
  synthInventory(inv, {
    outDir: '/nonexistent/cdktf.out',
    dryRun: true,
    inspect: (tmp, summary) => {
      for (const s of summary) stacks[s.name] = JSON.parse(readFileSync(join(tmp, s.file), 'utf8'));
      findings = checkSynthOutput(tmp, schema);
    },
  });
  return { stacks, findings };
}

const withDoc = (edit: (d: Record<string, any>) => void): Inventory => {
  const d = exampleDoc();
  edit(d);
  return loadText(stringify(d));
};

describe('stacks over examples/starachowice.yaml', () => {
  const { stacks, findings } = synth(example());

  it('synthesizes network, compute, voip and monitoring with zero schema findings', () => {
    expect(Object.keys(stacks)).toEqual(['network', 'compute', 'voip', 'monitoring']);
    expect(findings).toEqual([]);
  });

  it('uploads the user-data that carries the PBX secrets (and the monitoring host\'s) with file_mode 0600', () => {
    const files = (stack: string) => Object.entries(stacks[stack].resource.proxmox_virtual_environment_file as Record<string, any>);
    const pbx = files('voip').find(([name]) => name.includes('srw-pbx-user-data'))![1];
    expect(pbx.source_raw.data).toContain('${var.secret_ami_monitor}');
    expect(pbx.file_mode).toBe('0600');
    // The monitoring host here is a container: its hook script is 0700, no less private.
    for (const [name, f] of files('monitoring')) expect({ name, private: f.file_mode !== undefined && (parseInt(f.file_mode, 8) & 0o077) === 0 }).toEqual({ name, private: true });
  });

  it('pins bpg/proxmox by its fully qualified source and version in every stack', () => {
    for (const s of Object.values(stacks)) expect(s.terraform.required_providers.proxmox).toEqual({ source: 'registry.terraform.io/bpg/proxmox', version: '0.111.1' });
  });

  it('gives the provider the ssh block with every node and no token (PROXMOX_VE_API_TOKEN is read by the provider)', () => {
    const [p] = stacks.compute.provider.proxmox;
    expect(p.api_token).toBeUndefined();
    expect(p.ssh[0]).toEqual({ username: 'root', agent: true, node: [
      { name: 'pve1', address: '10.10.0.11' },
      { name: 'pve2', address: '10.10.0.12' },
      { name: 'pve3', address: '10.10.0.13' },
    ] });
  });

  it('places guests: PBX in voip, the monitoring host in monitoring, the rest in compute', () => {
    const vms = (s: any) => Object.values(s.resource.proxmox_virtual_environment_vm ?? {}).map((v: any) => v.name).sort();
    expect(vms(stacks.compute)).toEqual(['backup', 'db', 'e-deklaracje', 'oplaty-oswiata', 'portal', 'proxy']);
    expect(vms(stacks.voip)).toEqual(['pbx']);
    expect(Object.values(stacks.monitoring.resource.proxmox_virtual_environment_container).map((c: any) => c.vm_id)).toEqual([150]);
  });

  it('downloads the cloud image once per node and serialises VMs per node with depends_on', () => {
    const downloads = Object.values(stacks.compute.resource.proxmox_download_file) as any[];
    expect(downloads.map((d) => d.node_name).sort()).toEqual(['pve1', 'pve2', 'pve3']);
    const vms = stacks.compute.resource.proxmox_virtual_environment_vm;
    const key = (name: string) => Object.keys(vms).find((k) => vms[k].name === name)!;
    // pve2 holds the VMs e-deklaracje then db, in inventory order.
    expect(vms[key('db')].depends_on).toContain(`proxmox_virtual_environment_vm.${key('e-deklaracje')}`);
    expect(vms[key('e-deklaracje')].depends_on.some((d: string) => d.startsWith('proxmox_virtual_environment_vm.'))).toBe(false);
  });

  it('points compute guests at their role pool by reference, so pools are created first', () => {
    const db = Object.values(stacks.compute.resource.proxmox_virtual_environment_vm).find((v: any) => v.name === 'db') as any;
    const pools = stacks.compute.resource.proxmox_virtual_environment_pool;
    const [key] = Object.entries(pools).find(([, p]: [string, any]) => p.pool_id === 'database')!;
    expect(db.pool_id).toBe(`\${proxmox_virtual_environment_pool.${key}.pool_id}`);
  });

  it('keeps local state outside cdktf.out (replaced on every synth)', () => {
    expect(stacks.network.terraform.backend.local.path).toBe('../../../terraform.network.tfstate');
  });
});

describe('secrets stay out of cdk.tf.json', () => {
  const literals = { SRW_AMI_MONITOR_SECRET: 'monitor-Secret-4711', SRW_AMI_ADMIN_SECRET: 'admin-Secret-4712', SRW_TRUNK_SECRET: 'trunk-Secret-4713', PROXMOX_VE_API_TOKEN: 'root@pam!srw=11111111-2222' };
  const saved = { ...process.env };
  afterEach(() => {
    process.env = saved;
  });

  it('declares every PBX secret as a sensitive variable and never writes a value', () => {
    Object.assign(process.env, literals);
    const { stacks } = synth(example());
    const text = JSON.stringify(stacks);
    for (const v of Object.values(literals)) expect(text).not.toContain(v);
    const vars = stacks.voip.variable;
    expect(Object.keys(vars)).toContain('secret_ext_201');
    expect(Object.keys(vars)).toContain('secret_trunk_orange-trunk'.replace(/-/g, '_'));
    expect(Object.values(vars).every((v: any) => v.sensitive === true)).toBe(true);
    const data = (Object.values(stacks.voip.resource.proxmox_virtual_environment_file)[0] as any).source_raw.data as string;
    const passwords = data.match(/^\s*(password|secret) = .*$/gm) ?? [];
    expect(passwords.length).toBeGreaterThan(39);
    for (const line of passwords) expect(line).toMatch(/= \$\{var\.secret_[a-z0-9_]+\}$/);
  });

  it('voicemail PINs: sensitive variables, checked by a precondition on the upload, mailbox lines reference them, no literal PIN', () => {
    // A voicemailPin reference whose value is in the environment: synth must not read it.
    Object.assign(process.env, literals, { SRW_PIN_201: '73914682' });
    const { stacks, findings } = synth(withDoc((d) => (d.pbx.extensions[0].voicemailPin = { env: 'SRW_PIN_201' })));
    expect(findings).toEqual([]);
    expect(JSON.stringify(stacks)).not.toContain('73914682');
    const vars = stacks.voip.variable;
    expect(Object.keys(vars).filter((k) => k.startsWith('secret_vm_'))).toHaveLength(30);
    expect(vars.secret_vm_201).toEqual({ type: 'string', sensitive: true, nullable: false, description: 'PBX secret vm-201 (set TF_VAR_secret_vm_201)' });
    const upload = Object.values(stacks.voip.resource.proxmox_virtual_environment_file)[0] as any;
    expect(upload.lifecycle.precondition).toHaveLength(30);
    expect(upload.lifecycle.precondition[0]).toEqual({
      condition: '${can(regex("^[0-9]{4,10}$", var.secret_vm_201)) && var.secret_vm_201 != "201"}',
      error_message: 'The voicemail PIN of extension 201 (TF_VAR_secret_vm_201) must be 4 to 10 digits and differ from the mailbox number.',
    });
    const data = upload.source_raw.data as string;
    const boxes = data.match(/^\s*\d+ => .*$/gm) ?? [];
    expect(boxes).toHaveLength(30);
    for (const line of boxes) expect(line).toMatch(/^\s*(\d+) => \$\{var\.secret_vm_\1\},[^,]+$/);
    expect(data).toContain('/etc/srw/asterisk/voicemail.conf');
  });

  it('turns a token reference other than PROXMOX_VE_API_TOKEN into a sensitive variable', () => {
    const { stacks, findings } = synth(withDoc((d) => (d.proxmox.apiToken = { file: 'secrets/pve.token' })));
    expect(stacks.network.variable.proxmox_api_token).toMatchObject({ sensitive: true, type: 'string' });
    expect(stacks.network.provider.proxmox[0].api_token).toBe('${var.proxmox_api_token}');
    expect(findings).toEqual([]);
  });
});

describe('backends', () => {
  it.each([
    { backend: { type: 's3', bucket: 'tf', key: 'srw', region: 'eu-central-1', endpoint: 'https://minio.local:9000' }, expected: { s3: { bucket: 'tf', key: 'srw/compute.tfstate', region: 'eu-central-1', endpoints: { s3: 'https://minio.local:9000' }, use_path_style: true } } },
    { backend: { type: 'pg', schemaName: 'urzad' }, expected: { pg: { schema_name: 'urzad_compute' } } },
    { backend: { type: 'http', address: 'https://state.local/srw/' }, expected: { http: { address: 'https://state.local/srw/compute' } } },
    { backend: { type: 'local', path: '/var/lib/srw/state' }, expected: { local: { path: '/var/lib/srw/state/terraform.compute.tfstate' } } },
  ])('$backend.type: one state per stack', ({ backend, expected }) => {
    const inv = withDoc((d) => (d.proxmox.backend = backend));
    const { stacks } = synth(inv);
    expect(stacks.compute.terraform.backend).toEqual(expected);
  });
});

describe('roles', () => {
  it('without declared roles, every host role still gets a pool and an empty (deny-all) security group', () => {
    const { stacks, findings } = synth(withDoc((d) => (d.roles = [])));
    expect(findings).toEqual([]);
    const groups = Object.values(stacks.network.resource.proxmox_virtual_environment_cluster_firewall_security_group) as any[];
    expect(groups.map((g) => g.name).sort()).toEqual(['app', 'backup', 'database', 'monitoring', 'pbx', 'web']);
    expect(groups.every((g) => g.rule.length === 0)).toBe(true);
    expect(Object.keys(stacks.compute.resource.proxmox_virtual_environment_pool)).toHaveLength(6);
  });
});

describe('optional stacks', () => {
  it('without a PBX and a monitoring host there are only the network and compute stacks', () => {
    const inv = withDoc((d) => {
      delete d.pbx;
      delete d.alerts.pbx; // its trunk capacity names a trunk of the PBX removed here
      d.hosts = d.hosts.filter((h: { role: string }) => h.role !== 'monitoring' && h.role !== 'pbx');
    });
    const { stacks, findings } = synth(inv);
    expect(Object.keys(stacks)).toEqual(['network', 'compute']);
    expect(findings).toEqual([]);
  });
});

describe('network mode', () => {
  it('bridge mode tags guest NICs and builds bridges + VLANs in the network stack, still zero findings', () => {
    const { stacks, findings } = synth(withDoc((d) => (d.proxmox.networkMode = 'bridge')));
    expect(findings).toEqual([]);
    expect(Object.keys(stacks.network.resource.proxmox_network_linux_bridge)).toHaveLength(3);
    const db = Object.values(stacks.compute.resource.proxmox_virtual_environment_vm).find((v: any) => v.name === 'db') as any;
    expect(db.network_device.map((n: any) => n.vlan_id)).toEqual([20, 50]);
  });
});
