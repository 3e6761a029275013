// `srw apply`: applies the plans `srw plan` saved, stack by stack, and nothing else. A thin
// adapter over infra/deploy.
import type { Command } from 'commander';
import { ProblemError } from '../../infra/inventory/index.js';
import type { StackPlan } from '../../infra/deploy/index.js';
import { interruptions, printFailure, progressPrinter, toolLine } from '../deploy-report.js';
import { loadProvisionedOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, ExitError, printJson, printProblems, type Output } from '../report.js';
import { LOCK_TIMEOUT_RE, type DeployFlags } from './plan.js';

type ApplyFlags = DeployFlags & { allowDestroy?: string };

/**
 * One stack is applied: the line the admin reads. An audit entry of the change (who, which
 * stack, what it added/changed/destroyed) belongs here too, next to this line: this is the one
 * place srw learns that Terraform changed the cluster.
 */
function stackApplied(o: Output, json: boolean) {
  return (stack: string, plan: StackPlan, seconds: number): void => {
    if (!json) o.out(`${stack}: applied (${plan.add} added, ${plan.change} changed, ${plan.destroy} destroyed${plan.import ? `, ${plan.import} imported` : ''}) in ${seconds.toFixed(1)} s\n`);
  };
}

export function registerApply(program: Command): void {
  program
    .command('apply')
    .description('apply the plans saved by srw plan, stack by stack in order; refuses a stale or changed plan, and destroying a VM or container unless --allow-destroy names it')
    .option('-o, --out <dir>', 'synth output directory (as srw plan)', 'cdktf.out')
    .option('--tool <terraform|tofu|path>', 'the binary to run (default: the one that made the plan)')
    .option('--allow-destroy <names>', 'comma-separated guests (or resource addresses) the plan may destroy; their disks are lost')
    .option('--lock-timeout <duration>', 'wait this long for a state lock another run holds (e.g. 30s; default 0s: refuse at once)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExamples:\n  $ srw plan && srw apply\n  $ srw apply --allow-destroy old-portal      # the plan deletes VM old-portal and its disks')
    .action(async (flags: ApplyFlags, cmd: Command) => {
      const o = defaultOutput();
      if (flags.lockTimeout !== undefined && !LOCK_TIMEOUT_RE.test(flags.lockTimeout)) throw new ExitError(EXIT_BAD_INPUT, `error: --lock-timeout expects a duration such as 30s or 5m, found "${flags.lockTimeout}"`);
      const loaded = loadProvisionedOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory, 'srw apply');
      const { applyStacks, findTool, readManifest, workspaceFor } = await import('../../infra/deploy/index.js');
      const planned = readManifest(workspaceFor(flags.out).manifest);
      // The plan can only be applied by the binary that made it: default to that one.
      const tool = findTool(flags.tool ?? planned?.tool.path);
      if (!tool.ok) throw new ExitError(EXIT_BAD_INPUT, `error: ${tool.message}`);
      const { deployEnv } = await import('../deploy-env.js');
      const env = deployEnv(loaded, { withVariables: false });
      if (env.problems.length > 0) throw new ProblemError(env.problems);
      printProblems(env.warnings, o);
      if (!flags.json && planned) o.err(`srw apply: ${toolLine(tool.tool)}, the plan of ${planned.createdAt}\n`);
      const stop = interruptions();
      try {
        const r = await applyStacks({
          inventory: loaded.inventory,
          inventoryFile: loaded.file,
          baseDir: loaded.baseDir,
          outDir: flags.out,
          tool: tool.tool,
          envFor: env.envFor,
          allowDestroy: (flags.allowDestroy ?? '').split(',').map((s) => s.trim()).filter(Boolean),
          ...(flags.lockTimeout ? { lockTimeout: flags.lockTimeout } : {}),
          signal: stop.signal,
          onProgress: flags.json ? undefined : progressPrinter(o),
          onStackApplied: stackApplied(o, Boolean(flags.json)),
        });
        if (!r.ok) {
          if (flags.json) printJson({ ok: false, applied: r.applied, failure: r.failure }, o);
          printFailure(r.failure, o);
          if (r.applied.length > 0) o.err(`applied before that: ${r.applied.join(', ')}\n`);
          throw new ExitError(r.failure.kind === 'config' ? EXIT_BAD_INPUT : EXIT_FAILURE);
        }
        if (flags.json) printJson({ ok: true, applied: r.applied, unchanged: r.unchanged }, o);
        else if (r.applied.length === 0) {
          const done = r.manifest.stacks.filter((s) => s.status === 'applied');
          o.out(done.length > 0 ? `Already applied (${done.map((s) => `${s.name} at ${s.appliedAt}`).join(', ')}); srw plan shows what changed since.\n` : 'Nothing to apply: the saved plans change nothing.\n');
        }
        else o.out(`Applied ${r.applied.join(', ')}${r.unchanged.length ? `; unchanged: ${r.unchanged.join(', ')}` : ''}.\n`);
      } finally {
        stop.dispose();
      }
    });
}
