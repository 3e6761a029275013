// Which infrastructure-as-code binary runs the stacks: terraform or OpenTofu. Both read the same
// JSON, speak the same plugin protocol and accept the same flags for what srw runs (init, plan
// -out, show -json, apply PLANFILE, -json UI output); srw finds one, or takes --tool.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join, resolve } from 'node:path';

export type ToolKind = 'terraform' | 'tofu';
export type IacTool = { readonly kind: ToolKind; readonly path: string; readonly version: string };

/** Import blocks (the adoption of existing guests) need terraform ≥ 1.5 / tofu ≥ 1.6. */
export const MIN_VERSION: Readonly<Record<ToolKind, string>> = { terraform: '1.5.0', tofu: '1.6.0' };

export type ToolResult = { ok: true; tool: IacTool } | { ok: false; message: string };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
  const b = want.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** `terraform version -json` (tofu answers the same shape, with the key terraform_version). */
function versionOf(path: string, env: NodeJS.ProcessEnv): string | undefined {
  const r = spawnSync(path, ['version', '-json'], { env: { ...env, CHECKPOINT_DISABLE: '1' }, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return undefined;
  try {
    const v = (JSON.parse(r.stdout) as { terraform_version?: unknown }).terraform_version;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `want`: undefined (terraform on PATH, else tofu), "terraform" or "tofu" (that name on PATH),
 * or a path to the binary (its kind from its file name, tofu if it says so).
 */
export function findTool(want: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ToolResult {
  let candidates: { kind: ToolKind; path: string | undefined; asked: string }[];
  if (want === undefined || want === '') {
    candidates = (['terraform', 'tofu'] as const).map((k) => ({ kind: k, path: onPath(k, env), asked: k }));
    const found = candidates.find((c) => c.path);
    if (!found) return { ok: false, message: 'neither terraform nor tofu was found on PATH; install one (OpenTofu or Terraform ≥ 1.5) or pass --tool /path/to/binary' };
    candidates = [found];
  } else if (want === 'terraform' || want === 'tofu') {
    candidates = [{ kind: want, path: onPath(want, env), asked: want }];
    if (!candidates[0]!.path) return { ok: false, message: `--tool ${want}: no ${want} on PATH` };
  } else {
    const path = isAbsolute(want) ? want : resolve(cwd, want);
    if (!executable(path)) return { ok: false, message: `--tool ${want}: not an executable file` };
    candidates = [{ kind: /tofu/i.test(basename(path)) ? 'tofu' : 'terraform', path, asked: want }];
  }
  const { kind, path, asked } = candidates[0]!;
  const version = versionOf(path!, env);
  if (!version) return { ok: false, message: `${asked} (${path}) did not answer \`version -json\`; is it terraform or tofu?` };
  if (!versionAtLeast(version, MIN_VERSION[kind])) return { ok: false, message: `${kind} ${version} is too old: srw needs ${kind} ≥ ${MIN_VERSION[kind]} (import blocks)` };
  return { ok: true, tool: { kind, path: path!, version } };
}
