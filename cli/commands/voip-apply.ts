// `srw voip apply [--dry-run]`: thin adapter over voip/extensions/apply.ts with the admin AMI user
// (pjsip.conf, voicemail.conf, extensions.conf; never manager.conf).
import type { Command } from 'commander';
import { ProblemError, resolveSecret } from '../../infra/inventory/index.js';
import { AmiClient } from '../../voip/ami/client.js';
import { ApplyError, applyPbxConfig, type ApplyResult, type FileResult } from '../../voip/extensions/apply.js';
import { ConfigValueError } from '../../voip/extensions/config-file.js';
import { PlanError } from '../../voip/extensions/update-plan.js';
import { lookupOf, resolvePbxSecrets } from '../../voip/extensions/pbx-secrets.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, ExitError, printJson, printProblems, type Output } from '../report.js';
import { voipCommand } from './voip.js';
import { recordChange } from '../audit-trail.js';
import { parseAmiTarget } from '../ami-target.js';

// Long lists (a first apply adds every extension) become a count and the first few names.
const list = (label: string, xs: string[]) => (xs.length === 0 ? '' : xs.length <= 9 ? `${label} ${xs.join(', ')}` : `${label} ${xs.length} categories (${xs.slice(0, 3).join(', ')}, …)`);
const what = (f: FileResult) => [list('add', f.added), list('change', f.changed), list('remove', f.removed)].filter(Boolean).join('; ');

function printDiffs(r: ApplyResult, o: Output): void {
  for (const f of r.files) if (f.diff) o.out(f.diff.endsWith('\n') ? f.diff : `${f.diff}\n`);
}

function printResult(r: ApplyResult, o: Output, dryRun: boolean): void {
  printDiffs(r, o);
  const todo = r.files.filter((f) => f.steps > 0);
  if (todo.length === 0) {
    o.out(`${r.files.map((f) => f.file).join(', ')} on the PBX already match${r.files.length === 1 ? 'es' : ''} the inventory; nothing to do\n`);
    return;
  }
  for (const f of todo) {
    const created = f.created ? ' (file created)' : '';
    if (dryRun) o.out(`dry run: ${f.file} would ${what(f)}${created} (${f.steps} UpdateConfig steps)\n`);
    else o.out(`applied ${f.file}: ${what(f)}${created}; reloaded ${f.module}\n`);
  }
  if (dryRun) o.out('dry run: nothing was changed\n');
  else o.out(`verified endpoints: ${r.verified.length > 9 ? `${r.verified.length} (${r.verified.slice(0, 3).join(', ')}, …)` : r.verified.join(', ') || 'none new'}\n`);
}

export function registerVoipApply(program: Command): void {
  voipCommand(program)
    .command('apply')
    .description(
      "bring the PBX's pjsip.conf, voicemail.conf and extensions.conf to the inventory over AMI (admin user): diff, UpdateConfig, reload, verify; restores every file on failure (manager.conf is never touched)",
    )
    .option('--dry-run', 'show the diff and the planned changes; change nothing')
    .option('--ami <host:port>', 'connect here instead of pbx.ami.address:port (e.g. an SSH tunnel)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExamples:\n  $ srw voip apply --dry-run\n  $ srw voip apply\n  $ srw voip apply --ami 127.0.0.1:15038   # through ssh -L 15038:127.0.0.1:5038 pbx')
    .action(async (opts: { dryRun?: boolean; ami?: string; json?: boolean }, cmd: Command) => {
      const o = defaultOutput();
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const pbx = loaded.inventory.pbx;
      if (!pbx) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: no pbx section`);
      const admin = pbx.ami.admin;
      if (!admin) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: pbx.ami.admin is not set; apply needs the admin AMI user (write=config,system), never the monitoring one`);
      const adminSecret = resolveSecret(admin.secret, { baseDir: loaded.baseDir, file: loaded.file, path: ['pbx', 'ami', 'admin', 'secret'] });
      if (!adminSecret.ok) throw new ProblemError(adminSecret.problems);
      // A dry run must change nothing, also not the secrets file: missing passwords stay in memory.
      const secrets = resolvePbxSecrets(loaded, { generateMissing: true, keepInMemory: Boolean(opts.dryRun) });
      if (!secrets.ok) throw new ProblemError(secrets.problems);
      printProblems(secrets.value.warnings, o);
      const target = opts.ami ? parseAmiTarget(opts.ami) : { host: pbx.ami.address, port: pbx.ami.port };
      const connect = async () => {
        const client = new AmiClient({ ...target, username: admin.user, secret: () => adminSecret.value.reveal(), events: 'off', reconnect: false, keepaliveMs: 0 });
        await client.connect();
        return client;
      };
      try {
        const result = await applyPbxConfig(loaded.inventory, lookupOf(secrets.value), { dryRun: Boolean(opts.dryRun), connect, progress: opts.json ? undefined : (l) => o.err(`${l}\n`) });
        const changed = result.files.filter((f) => f.steps > 0);
        if (!opts.dryRun && changed.length > 0) recordChange({ summary: changed.map((f) => `${f.file}: ${what(f)}`).join('; '), files: changed.map((f) => ({ file: f.file, added: f.added, changed: f.changed, removed: f.removed })) });
        if (opts.json) printJson({ ok: true, dryRun: Boolean(opts.dryRun), ...result }, o);
        else printResult(result, o, Boolean(opts.dryRun));
      } catch (e) {
        if (e instanceof ConfigValueError) throw new ExitError(EXIT_BAD_INPUT, `error: ${e.message}`);
        // Nothing was changed: the PBX holds a category srw cannot address; the admin must fix it.
        if (e instanceof PlanError) throw new ExitError(EXIT_FAILURE, `error: ${e.message}; nothing was changed`);
        if (e instanceof ApplyError) {
          if (!opts.dryRun) recordChange({ summary: `apply failed (${e.message}); ${e.restored ? 'the PBX files were restored' : 'NOT restored'}`, restored: e.restored });
          if (opts.json) printJson({ ok: false, restored: e.restored, error: e.message, ...e.result }, o);
          else printDiffs(e.result, o);
          throw new ExitError(EXIT_FAILURE, `error: ${e.message}`);
        }
        throw e;
      }
    });
}
