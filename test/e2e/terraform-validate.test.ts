// Real `terraform validate` over srw's synthesized stacks. Terraform cannot download bpg/proxmox
// in this sandbox, so a dev_overrides CLI config points it at test/infra/terraform/fake-provider.ts,
// which serves the offline provider schema (../shared/proxmox) over the plugin protocol; all
// findings are Terraform's own schema checks. Terraform is not a Debian package and cannot be
// installed by .ci/run, so this suite runs where a `terraform` binary is on PATH (it is on the
// project's machine image) and is skipped, saying so, where it is not.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthInventory } from '../../infra/synth/synth.js';
import { defaultSchemaPath } from '../../infra/proxmox/schema-path.js';
import { stringify } from 'yaml';
import { example, exampleDoc, generated, loadText } from '../infra/inventories.js';
import { repoRoot } from '../helpers/run-srw.js';

const terraform = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).stdout.trim();
const work = mkdtempSync(join(tmpdir(), 'srw-tf-validate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function setup(): NodeJS.ProcessEnv {
  const plugins = join(work, 'plugins');
  mkdirSync(plugins, { recursive: true });
  const launcher = join(plugins, 'terraform-provider-proxmox');
  writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, 'cli/bin/run-ts.js')}" "${join(repoRoot, 'test/infra/terraform/fake-provider.ts')}" "$@"\n`);
  chmodSync(launcher, 0o755);
  const rc = join(work, 'terraform.rc');
  writeFileSync(rc, `provider_installation {\n  dev_overrides {\n    "registry.terraform.io/bpg/proxmox" = "${plugins}"\n  }\n  direct {}\n}\n`);
  return { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_DISABLE_PLUGIN_TLS: '1', TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', SRW_PROXMOX_SCHEMA: defaultSchemaPath(), TF_DATA_DIR: join(work, 'tfdata') };
}

type Validation = { valid: boolean; error_count: number; diagnostics: { severity: string; summary: string; detail?: string }[] };

function validate(dir: string, env: NodeJS.ProcessEnv): Validation {
  const r = spawnSync(terraform, ['validate', '-json', '-no-color'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(r.stdout) as Validation;
}

const errors = (v: Validation) => v.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.summary}: ${d.detail ?? ''}`);

// CI installs terraform (.ci/run sets SRW_REQUIRE_PEERS): there it must not be skipped.
if (!terraform && process.env.SRW_REQUIRE_PEERS) it('terraform is on PATH', () => expect.fail('terraform not found where CI must have it'));

describe.skipIf(!terraform)('terraform validate with the bpg/proxmox 0.111.1 schema', () => {
  const env = terraform ? setup() : {};

  it('accepts every stack of the example inventory', () => {
    const out = join(work, 'example', 'cdktf.out');
    const { stacks } = synthInventory(example(), { outDir: out });
    for (const s of stacks) {
      const v = validate(join(out, 'stacks', s.name), env);
      expect({ stack: s.name, errors: errors(v) }).toEqual({ stack: s.name, errors: [] });
      expect(v.valid).toBe(true);
    }
  }, 120_000);

  it('accepts the compute stack of a 200-host inventory', () => {
    const out = join(work, 'big', 'cdktf.out');
    synthInventory(generated(200), { outDir: out });
    const v = validate(join(out, 'stacks', 'compute'), env);
    expect(errors(v)).toEqual([]);
  }, 120_000);

  it('an inventory whose descriptions hold ${var.…} and ${file(…)} synthesizes to stacks Terraform accepts (nothing evaluated)', () => {
    // Unescaped, Terraform would refuse these: the network stack declares no such variable.
    const doc = exampleDoc();
    doc.networks[0].description = 'mgmt ${var.secret_ami_monitor} ${file("/etc/shadow")}';
    doc.roles[0].description = 'web %{ if true }x%{ endif }';
    doc.hosts[0].description = '${var.proxmox_api_token}';
    const out = join(work, 'hostile', 'cdktf.out');
    const { stacks } = synthInventory(loadText(stringify(doc)), { outDir: out });
    for (const s of stacks) {
      const v = validate(join(out, 'stacks', s.name), env);
      expect({ stack: s.name, errors: errors(v) }).toEqual({ stack: s.name, errors: [] });
    }
  }, 120_000);

  it('rejects what the schema forbids (the check has teeth)', () => {
    const out = join(work, 'broken', 'cdktf.out');
    synthInventory(example(), { outDir: out });
    const file = join(out, 'stacks', 'compute', 'cdk.tf.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const vm = Object.values(doc.resource.proxmox_virtual_environment_vm)[0] as any;
    vm.cpu.corez = 2;
    delete vm.network_device[0].mtu;
    writeFileSync(file, JSON.stringify(doc));
    const v = validate(join(out, 'stacks', 'compute'), env);
    expect(v.valid).toBe(false);
    expect(errors(v).join('\n')).toMatch(/No argument or block type is named "corez"/);
    expect(errors(v).join('\n')).toMatch(/attribute "mtu" is required/);
  }, 120_000);
});
