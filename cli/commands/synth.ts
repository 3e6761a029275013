// `srw synth`: inventory → cdktf.out/stacks/<stack>/cdk.tf.json for terraform/tofu. A thin
// adapter over infra/synth (all-or-nothing write) and infra/proxmox/schema-check.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
// Types only at the top: cdktf and the generated bindings load when `synth` runs, so every other
// srw command starts without them.
import type { StackSummary } from '../../infra/synth/synth.js';
import type { Finding } from '../../infra/proxmox/schema-check.js';
import { defaultSchemaPath } from '../../infra/proxmox/schema-path.js';
import { loadOrThrow } from '../load-or-exit.js';
import { recordChange } from '../audit-trail.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, ExitError, printJson, printProblems, type Output } from '../report.js';

type SynthFlags = { out: string; list?: boolean; check?: boolean; json?: boolean };

export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('synthesize the Proxmox stacks (network, compute, voip, monitoring) into Terraform JSON for terraform/tofu')
    .option('-o, --out <dir>', 'output directory', 'cdktf.out')
    .option('--list', 'print the stacks and their resource counts; write nothing')
    .option('--check', 'synthesize and check against the bpg/proxmox schema ($SRW_PROXMOX_SCHEMA); write nothing')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ srw synth --inventory examples/starachowice.yaml\n  $ srw synth --list\n  $ srw synth --check --json\n' +
        '\nThen plan and apply every stack in order (network, compute, voip, monitoring):\n  $ srw plan && srw apply',
    )
    .action((flags: SynthFlags, cmd: Command) => run(flags, cmd.optsWithGlobals<{ inventory?: string }>().inventory));
}

async function run(flags: SynthFlags, inventoryFlag: string | undefined): Promise<void> {
  const o = defaultOutput();
  const loaded = loadOrThrow(inventoryFlag);
  const { synthInventory, NothingToSynthError } = await import('../../infra/synth/synth.js');
  const { checkSynthOutput, loadProviderSchema } = await import('../../infra/proxmox/schema-check.js');
  const { ConstructPropsError } = await import('../../infra/constructs/props-rules.js');
  const { PromptsTooLargeError, promptWarnings } = await import('../../voip/callflows/prompts.js');
  // The recordings the PBX host's cloud-init will not carry (found ones are in the voip stack).
  printProblems(promptWarnings(loaded), o);
  const dryRun = Boolean(flags.list || flags.check);
  const schemaPath = defaultSchemaPath();
  if (flags.check && !existsSync(schemaPath)) throw new ExitError(EXIT_BAD_INPUT, `error: provider schema not found at ${schemaPath} (set SRW_PROXMOX_SCHEMA)`);
  // Without --check the schema is used when present (it lives in ../shared, not in a user's checkout).
  const schema = existsSync(schemaPath) ? loadProviderSchema(schemaPath) : undefined;
  let findings: Finding[] = [];
  let result;
  try {
    result = synthInventory(loaded.inventory, {
      outDir: flags.out,
      baseDir: loaded.baseDir,
      dryRun,
      inspect: (tmp) => {
        if (!schema) return;
        findings = checkSynthOutput(tmp, schema);
        // Schema errors stop the move into place, like a failed stack does.
        if (!dryRun && findings.some((f) => f.severity === 'error')) throw new SchemaFindingsError();
      },
    });
  } catch (e) {
    if (e instanceof PromptsTooLargeError) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: pbx.callFlows.promptsDir: ${e.message}\nnothing written`);
    if (e instanceof ConstructPropsError || e instanceof NothingToSynthError) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: ${e.message}\nnothing written`);
    if (!(e instanceof SchemaFindingsError)) throw e;
  }
  const errors = findings.filter((f) => f.severity === 'error');
  if (result?.written) recordChange({ summary: `wrote ${result.stacks.length} stacks to ${flags.out}/stacks`, outDir: flags.out, stacks: result.stacks.map((s) => ({ name: s.name, resources: s.resources })) });
  if (flags.json) printJson({ outDir: result?.outDir ?? flags.out, written: result?.written ?? false, stacks: result?.stacks ?? [], findings }, o);
  else {
    printFindings(findings, o);
    if (result) printStacks(result.stacks, o);
    if (result?.written) o.out(`wrote ${result.stacks.length} stacks to ${flags.out}/stacks\n`);
    else if (errors.length > 0) o.err(`${errors.length} schema finding${errors.length === 1 ? '' : 's'}; nothing written\n`);
    else if (flags.check) o.out(`schema check: 0 findings (${schemaPath})\n`);
    if (!schema) o.err(`note: schema check skipped, ${schemaPath} not found (set SRW_PROXMOX_SCHEMA)\n`);
  }
  throw new ExitError(errors.length > 0 ? EXIT_FAILURE : EXIT_OK);
}

class SchemaFindingsError extends Error {}

function printStacks(stacks: readonly StackSummary[], o: Output): void {
  const width = Math.max(5, ...stacks.map((s) => s.name.length));
  o.out(`${'stack'.padEnd(width)}  resources  variables\n`);
  for (const s of stacks) o.out(`${s.name.padEnd(width)}  ${String(s.resources).padStart(9)}  ${String(s.variables).padStart(9)}\n`);
  for (const s of stacks.filter((x) => x.variables > 0)) {
    const shown = s.variableNames.slice(0, 3).map((n) => `TF_VAR_${n}`);
    o.out(`${s.name} needs ${shown.join(', ')}${s.variables > 3 ? `, … (${s.variables} in all; --json lists them)` : ''} before plan\n`);
  }
}

function printFindings(findings: readonly Finding[], o: Output): void {
  for (const f of findings) o.err(`${f.severity}: ${f.file} ${f.path}: ${f.message} [${f.code}]\n`);
}
