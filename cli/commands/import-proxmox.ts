// `srw import proxmox`: adopts the guests that already run on the cluster into the inventory
// (hosts with adopt: true, so the next srw plan imports them instead of creating them). A thin
// adapter over infra/adopt; the inventory is written once, atomically, or not at all.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ProblemError, readInventoryText, resolveSecret, writeFileAtomic } from '../../infra/inventory/index.js';
import { loadProvisionedOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, ExitError, printJson, printProblems, type Output } from '../report.js';
import type { GuestOutcome } from '../../infra/adopt/index.js';

type Flags = { ca?: string; role?: string; dryRun?: boolean; json?: boolean; timeout?: string };

export function importCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('bring what already runs into the inventory');
}

function status(o: GuestOutcome): string {
  if (o.skipped) return `skipped: ${o.skipped}`;
  if (o.host) return 'adopted';
  return 'NOT adopted';
}

function printOutcomes(outcomes: readonly GuestOutcome[], o: Output): void {
  for (const x of outcomes) {
    const g = x.guest;
    const name = x.host?.name ?? g.name ?? '?';
    o.out(`${String(g.vmid).padStart(6)}  ${(g.type === 'qemu' ? 'vm' : 'lxc').padEnd(3)}  ${g.node.padEnd(8)}  ${name.padEnd(20)}  ${status(x)}\n`);
    for (const p of x.problems) o.out(`        ! ${p}\n`);
    for (const n of x.notes) o.out(`        ~ ${n}\n`);
  }
}

export function registerImportProxmox(program: Command): void {
  importCommand(program)
    .command('proxmox')
    .description('read the guests of the Proxmox cluster (API token from proxmox.apiToken) into the inventory as hosts with adopt: true, so srw plan imports them instead of creating them')
    .option('--ca <file>', "PEM CA certificate of the cluster (a copy of a node's /etc/pve/pve-root-ca.pem)")
    .option('--role <name>', "role for guests whose pool is not a role's name")
    .option('--dry-run', 'show what would be added; write nothing')
    .option('--timeout <ms>', 'per API request', '10000')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ srw import proxmox --ca pve-root-ca.pem --dry-run\n  $ srw import proxmox --ca pve-root-ca.pem --role app\n  $ srw plan        # the adopted guests show as "import", not as "add"',
    )
    .action(async (flags: Flags, cmd: Command) => {
      const o = defaultOutput();
      const loaded = loadProvisionedOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory, 'srw import proxmox');
      const inv = loaded.inventory;
      const timeoutMs = Number(flags.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs < 100) throw new ExitError(EXIT_BAD_INPUT, `error: --timeout expects milliseconds (at least 100), found "${flags.timeout}"`);
      if (flags.role !== undefined && !inv.roles.some((r) => r.name === flags.role) && !inv.hosts.some((h) => h.role === flags.role)) {
        throw new ExitError(EXIT_BAD_INPUT, `error: --role ${flags.role} is not a role of ${loaded.file} (roles: ${inv.roles.map((r) => r.name).join(', ') || 'none'})`);
      }
      let ca: string | undefined;
      if (flags.ca) {
        try {
          ca = readFileSync(flags.ca, 'utf8');
        } catch (e) {
          throw new ExitError(EXIT_BAD_INPUT, `error: --ca ${flags.ca}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read it'}`);
        }
        if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new ExitError(EXIT_BAD_INPUT, `error: --ca ${flags.ca}: not a PEM certificate`);
      }
      const token = resolveSecret(inv.proxmox.apiToken, { baseDir: loaded.baseDir, file: loaded.file, path: ['proxmox', 'apiToken'] });
      if (!token.ok) throw new ProblemError(token.problems);
      printProblems(token.warnings ?? [], o);
      const { addAdoptedHosts, readGuests, tokenLooksValid } = await import('../../infra/adopt/index.js');
      if (!tokenLooksValid(token.value.reveal())) {
        throw new ProblemError([{ code: 'secret', message: 'the API token does not look like user@realm!tokenid=secret (the value is not shown)', file: loaded.file, path: ['proxmox', 'apiToken'] }]);
      }
      if (inv.proxmox.insecure && !ca) o.err(`warning: proxmox.insecure is set: the certificate of ${inv.proxmox.endpoint} is not checked (pass --ca instead)\n`);
      const read = await readGuests({ endpoint: inv.proxmox.endpoint, token: token.value.reveal(), ...(ca ? { ca } : {}), insecure: inv.proxmox.insecure && !ca, timeoutMs }, inv, flags.role ? { role: flags.role } : {});
      if (!read.ok) {
        if (flags.json) printJson({ ok: false, error: read.error }, o);
        throw new ExitError(EXIT_FAILURE, `error: ${inv.proxmox.endpoint.replace(/\/+$/, '')}/api2/json${read.error.path}: ${read.error.message}\nnothing written`);
      }
      const { outcomes, listProblems } = read.report;
      const adopted = outcomes.flatMap((x) => (x.host ? [x.host] : []));
      const refused = outcomes.filter((x) => !x.host && !x.skipped);
      let written = false;
      if (adopted.length > 0 && !flags.dryRun) {
        // Re-read the file: the edit must apply to the bytes on disk now, comments included.
        const text = readInventoryText(loaded.file);
        if (!text.ok) throw new ProblemError(text.problems);
        const edited = addAdoptedHosts(text.value, loaded.file, adopted);
        if (!edited.ok) throw new ProblemError(edited.problems);
        writeFileAtomic(loaded.file, edited.value);
        written = true;
      }
      const code = refused.length > 0 || listProblems.length > 0 ? EXIT_FAILURE : EXIT_OK;
      if (flags.json) {
        printJson({ ok: code === EXIT_OK, written, outcomes, listProblems }, o);
        throw new ExitError(code);
      }
      printOutcomes(outcomes, o);
      for (const p of listProblems) o.out(`  ! ${p}\n`);
      const summary = `${adopted.length} adopted, ${refused.length} not adopted, ${outcomes.length - adopted.length - refused.length} skipped`;
      if (flags.dryRun) o.out(`${summary}; dry run: ${loaded.file} unchanged\n`);
      else if (written) o.out(`${summary}; added ${adopted.map((h) => h.name).join(', ')} to ${loaded.file} (adopt: true). Next: srw plan (they show as "import", not "add")\n`);
      else o.out(`${summary}; ${loaded.file} unchanged\n`);
      throw new ExitError(code);
    });
}
