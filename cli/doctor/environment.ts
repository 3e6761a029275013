// What srw needs from the machine: a Node it runs on, and terraform or OpenTofu for the stacks
// `srw synth` writes.
import { execFile } from 'node:child_process';
import type { CheckResult } from './check.js';

export const NODE_MINIMUM = [20, 10] as const;

export function checkNode(version = process.versions.node): CheckResult {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > NODE_MINIMUM[0] || (major === NODE_MINIMUM[0] && minor >= NODE_MINIMUM[1]);
  const need = `${NODE_MINIMUM[0]}.${NODE_MINIMUM[1]}`;
  return ok
    ? { check: 'node', status: 'ok', detail: `v${version} (srw needs ${need} or later)` }
    : { check: 'node', status: 'fail', detail: `v${version} is older than ${need}`, fix: `install Node ${need} or later (Debian 13's nodejs, or the nodejs.org binaries)` };
}

type ToolVersion = { tool: string; version?: string; error?: string };

function toolVersion(tool: string, timeoutMs: number): Promise<ToolVersion> {
  return new Promise((resolve) => {
    // CHECKPOINT_DISABLE: no call home to HashiCorp for a version check.
    execFile(tool, ['version', '-json'], { timeout: timeoutMs, env: { ...process.env, CHECKPOINT_DISABLE: '1' } }, (err, stdout) => {
      if (err) return resolve({ tool, error: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : err.message.split('\n')[0] });
      try {
        resolve({ tool, version: (JSON.parse(stdout) as { terraform_version?: string }).terraform_version ?? 'unknown version' });
      } catch {
        resolve({ tool, error: 'did not answer `version -json`' });
      }
    });
  });
}

/** terraform and tofu both speak `version -json` ({"terraform_version": …}); either will do. */
export async function checkTerraform(timeoutMs = 10_000): Promise<CheckResult> {
  const found = await Promise.all(['terraform', 'tofu'].map((t) => toolVersion(t, timeoutMs)));
  const usable = found.filter((f) => f.version);
  if (usable.length > 0) return { check: 'terraform', status: 'ok', detail: usable.map((f) => `${f.tool} ${f.version}`).join(', ') };
  return {
    check: 'terraform',
    status: 'warn',
    detail: `neither terraform nor tofu answers (${found.map((f) => `${f.tool}: ${f.error}`).join('; ')})`,
    fix: 'install terraform or OpenTofu where you plan and apply the stacks `srw synth` writes (not needed on the monitoring host)',
  };
}
