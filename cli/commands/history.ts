// `srw history`: the audit trail next to the inventory — who changed what and when.
import type { Command } from 'commander';
import { auditLogPath, outsideEdits, readAudit } from '../../infra/audit/index.js';
import { inventoryPath } from '../../infra/inventory/index.js';
import { defaultOutput, EXIT_BAD_INPUT, ExitError, printJson } from '../report.js';

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description("who changed what and when: the audit trail srw keeps next to the inventory (voip ext add/set/rm/import, voip apply, voip render --out, synth)")
    .option('--json', 'print the entries as JSON')
    .option('-n, --last <count>', 'only the last COUNT entries')
    .addHelpText('after', "\nExamples:\n  $ srw history\n  $ srw history --last 20\n  $ srw history --json | jq '.entries[] | select(.command == \"voip apply\")'")
    .action((opts: { json?: boolean; last?: string }, cmd: Command) => {
      const o = defaultOutput();
      const file = inventoryPath(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const last = opts.last === undefined ? undefined : Number(opts.last);
      if (last !== undefined && (!Number.isInteger(last) || last < 1)) throw new ExitError(EXIT_BAD_INPUT, `error: --last expects a whole number > 0, found ${JSON.stringify(opts.last)}`);
      const { entries, unreadable } = readAudit(file);
      const gaps = new Set(outsideEdits(entries));
      const from = last === undefined ? 0 : Math.max(0, entries.length - last);
      const shown = entries.slice(from);
      if (opts.json) {
        printJson({ log: auditLogPath(file), entries: shown.map((e, i) => ({ ...e, editedOutsideSrwBefore: gaps.has(from + i) })), unreadableLines: unreadable }, o);
        return;
      }
      if (entries.length === 0) {
        o.out(`no changes recorded yet for ${file} (the log is ${auditLogPath(file)})\n`);
        return;
      }
      for (const [i, e] of shown.entries()) {
        if (gaps.has(from + i)) o.out(`   … the inventory was changed outside srw here (hash ${e.inventory.before ?? 'none'})\n`);
        const who = e.sudoUser ? `${e.user} (sudo from ${e.sudoUser})` : e.user;
        const failed = e.exitCode === 0 ? '' : ` [exit ${e.exitCode}]`;
        o.out(`${e.time}  ${who}@${e.host}  srw ${e.command}${failed}\n`);
        for (const c of e.changes) o.out(`    ${c.summary}\n`);
      }
      for (const n of unreadable) o.err(`warning: ${auditLogPath(file)}:${n}: not a JSON line (an interrupted write?)\n`);
    });
}
