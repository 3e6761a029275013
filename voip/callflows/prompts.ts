// The sound files the call flows play, and where they come from.
//
// srw cannot see or upload the PBX's sound files over AMI: Getvar of STAT() answers an empty
// value for a file that exists and for one that does not alike (STAT is a "dangerous" function,
// blocked for AMI: prompt-stat-least-privilege.txt), and the admin user may not Getvar at all
// (prompt-stat-admin.txt). So the city keeps its recordings next to the inventory, in
// `pbx.callFlows.promptsDir`; the PBX host's cloud-init carries what is there, and render, apply
// and synth name every prompt that is neither there nor one of Asterisk's own sounds.
//
// Which names are the city's: those under `custom/` (Asterisk's sounds/custom, where FreePBX keeps
// its system recordings too) always; any other name when a file for it is in promptsDir. Every
// other name (`option-is-invalid`, `vm-goodbye`, …) is taken to come with Asterisk's sound packages.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Inventory, Problem } from '../../infra/inventory/index.js';

/** Asterisk picks whichever format it can play best; these are the formats its modules read. */
export const PROMPT_FORMATS = ['wav', 'wav16', 'gsm', 'ulaw', 'alaw', 'g722', 'sln', 'sln16', 'g729'] as const;
export const SITE_PROMPT_PREFIX = 'custom/';
/**
 * The recordings travel base64 inside the cloud-init user data (and so in Terraform's state):
 * a few minutes of 8 kHz speech is well under this; hours of music on hold are not meant to.
 */
export const MAX_CARRIED_BYTES = 8 * 1024 * 1024;

export type PromptUse = { name: string; path: (string | number)[] };
export type CarriedPrompt = {
  name: string;
  /** Relative to Asterisk's sounds directory, with the format: custom/um-menu.wav */
  soundPath: string;
  /** Where srw read it. */
  file: string;
  bytes: number;
};
export type PromptReport = {
  /** promptsDir resolved against the inventory's directory. */
  dir: string;
  carried: CarriedPrompt[];
  /** The city's prompts with no file in dir: callers would hear silence (Background logs a WARNING). */
  missing: PromptUse[];
  /** Names taken to come with Asterisk's own sounds. */
  stock: string[];
};

/** Every prompt a menu plays, in inventory order, with the inventory path that names it. */
export function promptUses(inv: Inventory): PromptUse[] {
  const uses: PromptUse[] = [];
  (inv.pbx?.callFlows?.menus ?? []).forEach((m, i) => {
    const at: (string | number)[] = ['pbx', 'callFlows', 'menus', i];
    if (typeof m.prompt === 'string') uses.push({ name: m.prompt, path: [...at, 'prompt'] });
    else m.prompt.forEach((p, j) => uses.push({ name: p, path: [...at, 'prompt', j] }));
    uses.push({ name: m.invalidPrompt, path: [...at, 'invalidPrompt'] });
  });
  return uses;
}

function fileFor(dir: string, name: string): { file: string; format: string; bytes: number } | undefined {
  for (const format of PROMPT_FORMATS) {
    const file = join(dir, `${name}.${format}`);
    try {
      const st = statSync(file);
      if (st.isFile()) return { file, format, bytes: st.size };
    } catch {
      // not this format
    }
  }
  return undefined;
}

export function promptReport(inv: Inventory, baseDir: string): PromptReport {
  const flows = inv.pbx?.callFlows;
  const dir = flows ? (isAbsolute(flows.promptsDir) ? flows.promptsDir : resolve(baseDir, flows.promptsDir)) : resolve(baseDir);
  const report: PromptReport = { dir, carried: [], missing: [], stock: [] };
  const seen = new Set<string>();
  for (const use of promptUses(inv)) {
    if (seen.has(use.name)) continue;
    seen.add(use.name);
    const found = fileFor(dir, use.name);
    if (found) report.carried.push({ name: use.name, soundPath: `${use.name}.${found.format}`, file: found.file, bytes: found.bytes });
    else if (use.name.startsWith(SITE_PROMPT_PREFIX)) report.missing.push(use);
    else report.stock.push(use.name);
  }
  return report;
}

/** Located warnings for the missing prompts (file:line of the menu field that names each). */
export function missingPromptWarnings(
  report: PromptReport,
  loaded: { file: string; where: (path: readonly (string | number)[]) => { line: number; col: number } | undefined },
): Problem[] {
  return report.missing.map((m) => ({
    code: 'file',
    severity: 'warning',
    message:
      `prompt ${m.name}: no ${m.name}.wav (or .gsm, .ulaw, …) in ${report.dir}, so the PBX host's cloud-init cannot carry it ` +
      `and srw cannot check the PBX for it over AMI: put the recording there, or copy it into the PBX's sounds directory by hand`,
    file: loaded.file,
    path: m.path,
    ...loaded.where(m.path),
  }));
}

export class PromptsTooLargeError extends Error {
  constructor(bytes: number) {
    super(`the prompts to carry add up to ${(bytes / 1048576).toFixed(1)} MiB; the PBX host's cloud-init carries at most ${MAX_CARRIED_BYTES / 1048576} MiB: copy long recordings to the PBX by hand and leave them out of promptsDir`);
    this.name = 'PromptsTooLargeError';
  }
}

export type PromptPayload = { soundPath: string; base64: string };

/** The carried files' contents, for the cloud-init (read once, at synth). */
export function promptPayloads(report: PromptReport): PromptPayload[] {
  const total = report.carried.reduce((n, p) => n + p.bytes, 0);
  if (total > MAX_CARRIED_BYTES) throw new PromptsTooLargeError(total);
  return report.carried.map((p) => ({ soundPath: p.soundPath, base64: readFileSync(p.file).toString('base64') }));
}

/** For commands that hold a loaded inventory: the missing prompts as warnings, none without call flows. */
export function promptWarnings(loaded: {
  inventory: Inventory;
  baseDir: string;
  file: string;
  where: (path: readonly (string | number)[]) => { line: number; col: number } | undefined;
}): Problem[] {
  if (!loaded.inventory.pbx?.callFlows) return [];
  return missingPromptWarnings(promptReport(loaded.inventory, loaded.baseDir), loaded);
}
