import type { Command } from 'commander';
import { inventoryPath, loadInventory, resolveSecret, secretUses, type Problem } from '../../infra/inventory/index.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_OK, ExitError, printJson, printProblems } from '../report.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check an inventory file: schema, references, addresses, ranges (exit 0 valid, 2 invalid)')
    .argument('[file]', 'inventory file (default: --inventory, $SRW_INVENTORY or ./inventory.yaml)')
    .option('--json', 'print the result as JSON')
    .option('--secrets', 'also resolve every secret reference (env vars, files) and report the ones that fail; values are never printed')
    .addHelpText('after', '\nExamples:\n  $ srw validate examples/starachowice.yaml\n  $ srw validate --secrets inventory.yaml')
    .action((file: string | undefined, opts: { json?: boolean; secrets?: boolean }, cmd: Command) => {
      const o = defaultOutput();
      const path = file ?? inventoryPath(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const result = loadInventory(path);
      if (!result.ok) {
        if (opts.json) printJson({ valid: false, file: path, problems: result.problems }, o);
        else printProblems(result.problems, o);
        if (!opts.json) o.err(`${path}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}\n`);
        throw new ExitError(EXIT_BAD_INPUT);
      }
      const inv = result.value.inventory;
      if (opts.secrets) {
        const problems: Problem[] = [];
        for (const use of secretUses(inv)) {
          const r = resolveSecret(use.ref, { baseDir: result.value.baseDir, file: path, path: use.path });
          const found = r.ok ? (r.warnings ?? []) : r.problems;
          problems.push(...found.map((p) => ({ ...p, ...result.value.where(p.path) })));
        }
        // The same file is often referenced many times; say each warning once.
        const byMessage = new Map<string, Problem>();
        for (const p of problems) if (!byMessage.has(p.message)) byMessage.set(p.message, p);
        const unique = [...byMessage.values()];
        const errors = unique.filter((p) => p.severity !== 'warning');
        if (unique.length > 0) printProblems(unique, o, opts.json);
        if (errors.length > 0) throw new ExitError(EXIT_BAD_INPUT, `${path}: ${errors.length} secret reference${errors.length === 1 ? '' : 's'} cannot be resolved`);
      }
      const summary = {
        valid: true,
        file: path,
        site: inv.site.name,
        nodes: inv.proxmox?.nodes.length ?? 0,
        networks: inv.networks.length,
        hosts: inv.hosts.length,
        switches: inv.switches.length,
        upses: inv.upses.length,
        extensions: inv.pbx?.extensions.length ?? 0,
      };
      if (opts.json) printJson(summary, o);
      else
        o.out(
          `${path}: valid — ${summary.site}: ${summary.nodes} nodes, ${summary.networks} networks, ${summary.hosts} hosts, ` +
            `${summary.switches} switches, ${summary.upses} UPSes, ${summary.extensions} extensions\n`,
        );
      throw new ExitError(EXIT_OK);
    });
}
