// Synthesizes an Inventory into <outDir>/stacks/<stack>/cdk.tf.json. The stacks are written to a
// temporary directory beside outDir first and moved into place only when every stack
// synthesized, so a failed synth never leaves half a tree (nor touches the previous one).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { App } from '../proxmox/cdk.js';
import type { Inventory } from '../inventory/index.js';
import { isProvisioned } from '../inventory/index.js';
import { buildStacks, STACK_ORDER } from '../stacks/index.js';
import { promptPayloads, promptReport } from '../../voip/callflows/prompts.js';

export type SynthOptions = {
  /** Final output directory (cdktf.json's default is ./cdktf.out). */
  readonly outDir: string;
  /**
   * Directory holding local-backend state files (terraform.<stack>.tfstate). @default the
   * directory containing outDir — state must survive outDir being replaced on every synth.
   */
  readonly stateDir?: string;
  /** Directory of the inventory file: a relative proxmox.backend.path is resolved against it. @default cwd */
  readonly baseDir?: string;
  /** Write nothing: synthesize into a temporary directory, summarize, and remove it. */
  readonly dryRun?: boolean;
  /** Called with the temporary tree before it is moved into place or removed (e.g. a schema check). */
  readonly inspect?: (tmpDir: string, stacks: StackSummary[]) => void;
};

export type StackSummary = {
  readonly name: string;
  /** Relative to the output directory: stacks/<name>/cdk.tf.json */
  readonly file: string;
  readonly resources: number;
  readonly dataSources: number;
  readonly variables: number;
  /** Terraform variables the stack needs at plan time (TF_VAR_<name>); all srw variables are sensitive. */
  readonly variableNames: readonly string[];
  readonly byType: Readonly<Record<string, number>>;
};

export type SynthResult = { readonly outDir: string; readonly written: boolean; readonly stacks: StackSummary[] };

export class NothingToSynthError extends Error {
  constructor() {
    super('the inventory has no proxmox section: there is nothing to provision (srw synth builds the Proxmox stacks)');
    this.name = 'NothingToSynthError';
  }
}

export function synthInventory(inv: Inventory, opts: SynthOptions): SynthResult {
  if (!isProvisioned(inv)) throw new NothingToSynthError();
  const outDir = resolve(opts.outDir);
  const parent = dirname(outDir);
  const backend = inv.proxmox.backend;
  const stateDir = opts.stateDir ?? (backend.type === 'local' && backend.path ? resolve(opts.baseDir ?? '.', backend.path) : parent);
  const keepAbsolute = opts.stateDir === undefined && backend.type === 'local' && backend.path !== undefined && isAbsolute(backend.path);
  // Beside outDir so the final rename stays on one filesystem; a dry run writes nothing there.
  const createdParent = opts.dryRun ? undefined : mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(opts.dryRun ? join(tmpdir(), 'srw-synth-') : join(parent, `.${basename(outDir)}.tmp-`));
  let done = false;
  try {
    const app = new App({ outdir: tmp, skipValidation: false });
    // The city's recordings travel in the PBX host's cloud-init; the ones not found are named by
    // `srw synth` (cli) from the same report.
    const pbxPrompts = inv.pbx?.callFlows ? promptPayloads(promptReport(inv, opts.baseDir ?? '.')) : undefined;
    buildStacks(app, inv, {
      pbxPrompts,
      // Relative to the stack directory Terraform runs in, so the tree can move with its
      // checkout; an absolute backend.path stays absolute.
      localStatePath: (stack) => {
        const file = join(stateDir, `terraform.${stack}.tfstate`);
        return keepAbsolute ? file : relative(join(outDir, 'stacks', stack), file);
      },
    });
    app.synth();
    const stacks = summarize(tmp);
    opts.inspect?.(tmp, stacks);
    if (opts.dryRun) return { outDir, written: false, stacks };
    // mkdtemp makes 0700; the tree holds no secret values (only variable references), and
    // whoever runs terraform may be another admin of the same checkout.
    chmodSync(tmp, 0o755);
    replaceDir(tmp, outDir);
    done = true;
    return { outDir, written: true, stacks };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    // A failed first synth leaves no trace, not even the directories made for it.
    if (!done && createdParent) rmSync(createdParent, { recursive: true, force: true });
  }
}

/** Swap the new tree in with renames (same filesystem), then drop the old one. */
function replaceDir(from: string, to: string): void {
  const old = existsSync(to) ? `${to}.old-${process.pid}-${Date.now()}` : undefined;
  if (old) renameSync(to, old);
  try {
    renameSync(from, to);
  } catch (e) {
    if (old) renameSync(old, to);
    throw e;
  }
  if (old) rmSync(old, { recursive: true, force: true });
}

/** Counts what each synthesized stack holds, read back from its cdk.tf.json; in apply order. */
export function summarize(dir: string): StackSummary[] {
  const stacksDir = join(dir, 'stacks');
  const rank = (n: string) => ((STACK_ORDER as readonly string[]).indexOf(n) + STACK_ORDER.length + 1) % (STACK_ORDER.length + 1);
  return readdirSync(stacksDir)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((name) => {
      const file = join('stacks', name, 'cdk.tf.json');
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as TerraformJson;
      const byType: Record<string, number> = {};
      let resources = 0;
      for (const [type, blocks] of Object.entries(doc.resource ?? {})) {
        const n = Object.keys(blocks).length;
        byType[type] = n;
        resources += n;
      }
      const dataSources = Object.values(doc.data ?? {}).reduce((a, b) => a + Object.keys(b).length, 0);
      const variableNames = Object.keys(doc.variable ?? {}).sort();
      return { name, file, resources, dataSources, variables: variableNames.length, variableNames, byType };
    });
}

type TerraformJson = { resource?: Record<string, Record<string, unknown>>; data?: Record<string, Record<string, unknown>>; variable?: Record<string, unknown> };
