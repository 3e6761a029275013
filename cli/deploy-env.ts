// The environment each stack's terraform run gets: the caller's, plus exactly the secrets that
// stack declares, as Terraform reads them — TF_VAR_<name> for its sensitive variables (the PBX
// secrets of the voip stack, proxmox_api_token), PROXMOX_VE_API_TOKEN when the provider reads it
// itself. Nothing goes on a command line or into a file of ours. Lives in cli/ because it joins
// the inventory's secret references with voip's secrets file.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveSecret, type LoadedInventory, type ProvisionedInventory, type Problem } from '../infra/inventory/index.js';
import type { StackSummary } from '../infra/synth/synth.js';
import { PROVIDER_TOKEN_ENV } from '../infra/stacks/provider.js';
import { SRW_PACKAGE_VARIABLE } from '../infra/stacks/monitoring-stack.js';
import { secretVariableName } from '../infra/stacks/secret-variables.js';
import { resolvePbxSecrets } from '../voip/extensions/pbx-secrets.js';

export type DeployEnv = { envFor: (stack: StackSummary) => NodeJS.ProcessEnv; problems: Problem[]; warnings: Problem[]; /** e.g. "39 SIP passwords and 30 voicemail PINs", or empty */ generated: string };

/**
 * `withVariables`: resolve the stacks' TF_VAR_* (plan needs them; apply runs a saved plan, which
 * already holds them, so it resolves only what the provider and the backend read).
 */
export function deployEnv(loaded: LoadedInventory & { inventory: ProvisionedInventory }, opts: { withVariables: boolean; env?: NodeJS.ProcessEnv; srwPackage?: string }): DeployEnv {
  const base = opts.env ?? process.env;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const vars = new Map<string, string>();
  const { proxmox, pbx } = loaded.inventory;
  const ctx = (path: (string | number)[]) => ({ baseDir: loaded.baseDir, file: loaded.file, path, env: base });

  const token = resolveSecret(proxmox.apiToken, ctx(['proxmox', 'apiToken']));
  if (!token.ok) problems.push(...token.problems.map((p) => ({ ...p, message: `${p.message} (the provider needs the Proxmox API token)` })));
  else {
    warnings.push(...(token.warnings ?? []));
    const fromEnv = 'env' in proxmox.apiToken && proxmox.apiToken.env === PROVIDER_TOKEN_ENV;
    if (!fromEnv) vars.set('proxmox_api_token', token.value.reveal());
  }

  if (proxmox.backend.type === 'pg') {
    const conn = base.PG_CONN_STR;
    if (!conn) problems.push({ code: 'secret', message: 'the pg backend reads its connection string from PG_CONN_STR (postgres://user:password@host/db), which is not set', file: loaded.file, path: ['proxmox', 'backend'] });
  }

  if (opts.srwPackage !== undefined) {
    const path = resolve(opts.srwPackage);
    if (!existsSync(path) || !statSync(path).isFile()) problems.push({ code: 'file', message: `--package ${opts.srwPackage}: no such file (make it with \`npm pack\` in a srw checkout)`, file: loaded.file, path: [] });
    else vars.set(SRW_PACKAGE_VARIABLE, path);
  }

  let generated = '';
  if (opts.withVariables && pbx) {
    const pbxSecrets = resolvePbxSecrets(loaded, { generateMissing: true, env: base });
    if (!pbxSecrets.ok) problems.push(...pbxSecrets.problems);
    else {
      warnings.push(...pbxSecrets.value.warnings);
      const { generated: sip, generatedPins: pins } = pbxSecrets.value;
      const count = (n: number, what: string) => (n === 0 ? [] : [`${n} ${what}${n === 1 ? '' : 's'}`]);
      generated = [...count(sip.length, 'SIP password'), ...count(pins.length, 'voicemail PIN')].join(' and ');
      for (const [id, value] of pbxSecrets.value.values) vars.set(secretVariableName(id), value);
    }
  }

  return {
    problems,
    warnings,
    generated,
    envFor: (stack) => {
      const env: NodeJS.ProcessEnv = { ...base };
      for (const name of stack.variableNames) {
        const v = vars.get(name);
        if (v !== undefined) env[`TF_VAR_${name}`] = v;
      }
      return env;
    },
  };
}
