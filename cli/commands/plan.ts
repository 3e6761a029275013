// `srw plan`: synthesize, then init + plan + show per stack with terraform or tofu; saved plans
// for `srw apply`. A thin adapter over infra/deploy.
import type { Command } from 'commander';
import { ProblemError } from '../../infra/inventory/index.js';
import { interruptions, printFailure, printPlans, progressPrinter, toolLine } from '../deploy-report.js';
import { loadProvisionedOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, ExitError, printJson, printProblems } from '../report.js';

export type DeployFlags = { out: string; tool?: string; lockTimeout?: string; json?: boolean; package?: string };

export const LOCK_TIMEOUT_RE = /^\d+(ms|s|m|h)$/;

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('plan every stack (network, compute, voip, monitoring) with terraform or tofu, save the plans for srw apply, and say what each will add, change and destroy')
    .option('-o, --out <dir>', 'synth output directory (as srw synth)', 'cdktf.out')
    .option('--tool <terraform|tofu|path>', 'the binary to run (default: terraform on PATH, else tofu)')
    .option('--lock-timeout <duration>', 'wait this long for a state lock another run holds (e.g. 30s; default 0s: refuse at once)')
    .option('--package <tgz>', "srw's own package (serwerownia-X.Y.Z.tgz from `npm pack`) that a monitoring host installs; default $TF_VAR_srw_package")
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ srw plan\n  $ srw plan --tool tofu\n  $ srw -i inventory.yaml plan --json | jq ".stacks[] | {stack, add, change, destroy}"\n' +
        '\nSecrets reach terraform only through its environment: the inventory\'s Proxmox token, the PBX secrets\n(TF_VAR_secret_*), PG_CONN_STR for the pg backend. Then: srw apply',
    )
    .action(async (flags: DeployFlags, cmd: Command) => {
      const o = defaultOutput();
      if (flags.lockTimeout !== undefined && !LOCK_TIMEOUT_RE.test(flags.lockTimeout)) throw new ExitError(EXIT_BAD_INPUT, `error: --lock-timeout expects a duration such as 30s or 5m, found "${flags.lockTimeout}"`);
      const loaded = loadProvisionedOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory, 'srw plan');
      const { findTool, planStacks, backendLabel } = await import('../../infra/deploy/index.js');
      const tool = findTool(flags.tool);
      if (!tool.ok) throw new ExitError(EXIT_BAD_INPUT, `error: ${tool.message}`);
      const { deployEnv } = await import('../deploy-env.js');
      const env = deployEnv(loaded, { withVariables: true, ...(flags.package ? { srwPackage: flags.package } : {}) });
      if (env.problems.length > 0) throw new ProblemError(env.problems);
      printProblems(env.warnings, o);
      if (env.generated.length > 0) o.err(`generated ${env.generated} into ${loaded.inventory.pbx?.secretsFile} (mode 0600)\n`);
      if (!flags.json) o.err(`srw plan: ${toolLine(tool.tool)}, state: ${backendLabel(loaded.inventory)}\n`);
      const stop = interruptions();
      try {
        const r = await planStacks({
          inventory: loaded.inventory,
          inventoryFile: loaded.file,
          baseDir: loaded.baseDir,
          outDir: flags.out,
          tool: tool.tool,
          envFor: env.envFor,
          ...(flags.lockTimeout ? { lockTimeout: flags.lockTimeout } : {}),
          signal: stop.signal,
          onProgress: flags.json ? undefined : progressPrinter(o),
        });
        if (!r.ok) {
          if (flags.json) printJson({ ok: false, failure: r.failure, stacks: r.plans }, o);
          printFailure(r.failure, o);
          throw new ExitError(r.failure.kind === 'config' ? EXIT_BAD_INPUT : EXIT_FAILURE);
        }
        if (flags.json) {
          printJson({ ok: true, tool: r.manifest.tool, backend: r.manifest.backend, workspace: r.workspace.dir, stacks: r.plans }, o);
          return;
        }
        printPlans(r.plans, o);
        const todo = r.plans.filter((p) => p.changes.length > 0).map((p) => p.stack);
        o.out(todo.length === 0 ? '\nNothing to do: every stack matches the inventory.\n' : `\nSaved plans for ${todo.join(', ')} in ${r.workspace.dir}; apply exactly these with: srw apply${flags.out !== 'cdktf.out' ? ` --out ${flags.out}` : ''}\n`);
      } finally {
        stop.dispose();
      }
    });
}
