// Real terraform against the stand-in bpg/proxmox provider, set up as a user's machine would be:
// `terraform init` installs the provider from a filesystem mirror
// (<mirror>/registry.terraform.io/bpg/proxmox/0.111.1/linux_amd64/), so init, the dependency
// lock file and the version pin are exercised as they are against the registry. The provider is
// bundled once per test run with esbuild (a tsx start per plugin launch costs ~2 s; Terraform
// launches the plugin several times per command).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { defaultSchemaPath } from '../../../infra/proxmox/schema-path.js';
import { PROVIDER_VERSION } from '../../../infra/proxmox/provider-version.js';
import { repoRoot } from '../../helpers/run-srw.js';

export const terraformPath: string = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).stdout.trim();

export type TerraformLab = {
  /** Environment for terraform (and srw plan/apply): CLI config, plugin settings, the world file. */
  env: NodeJS.ProcessEnv;
  /** The stand-in cluster (world.ts). */
  world: string;
  /** A `terraform` wrapper that logs every argument vector to argvLog, then runs the real one. */
  wrapper: string;
  argvLog: string;
};

export function terraformLab(work: string): TerraformLab {
  const platform = join(work, 'mirror', 'registry.terraform.io', 'bpg', 'proxmox', PROVIDER_VERSION, 'linux_amd64');
  mkdirSync(platform, { recursive: true });
  const bundle = join(work, 'fake-provider.mjs');
  buildSync({ entryPoints: [join(repoRoot, 'test/infra/terraform/fake-provider.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'error' });
  const launcher = join(platform, `terraform-provider-proxmox_v${PROVIDER_VERSION}`);
  writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" "${bundle}" "$@"\n`);
  chmodSync(launcher, 0o755);
  const rc = join(work, 'terraform.rc');
  writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path    = "${join(work, 'mirror')}"\n    include = ["registry.terraform.io/bpg/proxmox"]\n  }\n}\n`);
  const bin = join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  const argvLog = join(work, 'terraform-argv.log');
  const wrapper = join(bin, 'terraform');
  writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> "${argvLog}"\nexec "${terraformPath}" "$@"\n`);
  chmodSync(wrapper, 0o755);
  const world = join(work, 'world.json');
  return {
    env: { TF_CLI_CONFIG_FILE: rc, TF_DISABLE_PLUGIN_TLS: '1', CHECKPOINT_DISABLE: '1', SRW_PROXMOX_SCHEMA: defaultSchemaPath(), SRW_FAKE_PVE_WORLD: world },
    world,
    wrapper,
    argvLog,
  };
}
