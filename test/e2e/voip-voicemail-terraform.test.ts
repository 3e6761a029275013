// The voicemail PIN check srw puts into the voip stack, run by real Terraform: the synthesized
// PIN variables and the preconditions of the PBX user-data upload are planned against the
// built-in terraform_data resource (no provider download, works offline). A bad PIN must stop
// the plan with srw's message and without printing the value. Skipped where no `terraform`
// binary is on PATH, like terraform-validate.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthInventory } from '../../infra/synth/synth.js';
import { example } from '../infra/inventories.js';

const terraform = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).stdout.trim();
const work = mkdtempSync(join(tmpdir(), 'srw-tf-vm-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// CI installs terraform (.ci/run sets SRW_REQUIRE_PEERS): there it must not be skipped.
if (!terraform && process.env.SRW_REQUIRE_PEERS) it('terraform is on PATH', () => expect.fail('terraform not found where CI must have it'));

describe.skipIf(!terraform)('voicemail PIN preconditions under terraform plan', () => {
  const dir = join(work, 'plan');
  const rc = join(work, 'terraform.rc');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: work, TF_CLI_CONFIG_FILE: rc, TF_DATA_DIR: join(work, 'tfdata'), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  let numbers: string[] = [];

  beforeAll(() => {
    const out = join(work, 'cdktf.out');
    synthInventory(example(), { outDir: out });
    const voip = JSON.parse(readFileSync(join(out, 'stacks', 'voip', 'cdk.tf.json'), 'utf8'));
    const upload = Object.values(voip.resource.proxmox_virtual_environment_file)[0] as { lifecycle: { precondition: unknown[] } };
    const variable = Object.fromEntries(Object.entries(voip.variable as Record<string, unknown>).filter(([k]) => k.startsWith('secret_vm_')));
    numbers = Object.keys(variable).map((k) => k.replace('secret_vm_', ''));
    mkdirSync(dir, { recursive: true });
    writeFileSync(rc, '');
    // The same variables and conditions, on a resource Terraform can plan without a provider.
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ variable, resource: { terraform_data: { voicemail_conf: { input: 'voicemail.conf', lifecycle: upload.lifecycle } } } }));
    const init = spawnSync(terraform, ['init', '-no-color', '-input=false'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    expect(init.status, init.stderr).toBe(0);
  }, 120_000);

  const plan = (pins: Record<string, string>) => {
    const vars = Object.fromEntries(Object.entries(pins).map(([n, pin]) => [`TF_VAR_secret_vm_${n}`, pin]));
    return spawnSync(terraform, ['plan', '-no-color', '-input=false', '-lock=false'], { cwd: dir, env: { ...env, ...vars }, encoding: 'utf8', timeout: 60_000 });
  };
  // Distinct valid PINs, none equal to its box number.
  const good = () => Object.fromEntries(numbers.map((n, i) => [n, String(40_000_000 + i * 7919)]));

  it('passes with valid PINs for all 30 boxes', () => {
    expect(numbers).toHaveLength(30);
    const r = plan(good());
    expect(r.status, r.stderr).toBe(0);
  }, 60_000);

  it.each([
    { what: 'letters', pin: '12ab' },
    { what: 'too short', pin: '987' },
    { what: 'the mailbox number', pin: '201' },
    { what: 'a comma that would open the e-mail field', pin: '4821,x@example.org' },
  ])('stops on $what, names the variable, never prints the value', ({ pin }) => {
    const r = plan({ ...good(), '201': pin });
    expect(r.status).not.toBe(0);
    const text = (r.stdout + r.stderr).replace(/\s+/g, ' ');
    expect(text).toContain('Resource precondition failed');
    expect(text).toContain('The voicemail PIN of extension 201 (TF_VAR_secret_vm_201) must be 4 to 10 digits');
    // ('201' is in the message itself: the extension it is about)
    if (pin !== '201') expect(r.stdout + r.stderr).not.toContain(pin);
  }, 60_000);
});
