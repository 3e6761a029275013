// `srw voip apply [--dry-run] [--yes]`: thin adapter over voip/extensions/apply.ts with the admin
// AMI user (pjsip.conf, voicemail.conf, extensions.conf; never manager.conf). On a terminal it
// shows the plan and asks before writing; elsewhere it needs --yes, so a script never hangs on a
// question nobody can answer.
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { ProblemError, resolveSecret } from '../../infra/inventory/index.js';
import { AmiClient } from '../../voip/ami/client.js';
import { ApplyError, applyPbxConfig, StagingDirError, type ApplyResult, type FileResult } from '../../voip/extensions/apply.js';
import { ConfigValueError } from '../../voip/extensions/config-file.js';
import { PlanError } from '../../voip/extensions/update-plan.js';
import { lookupOf, resolvePbxSecrets } from '../../voip/extensions/pbx-secrets.js';
import { sipWarnings } from '../../voip/extensions/pjsip.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, ExitError, printJson, printProblems, type Output } from '../report.js';
import { voipCommand } from './voip.js';
import { promptWarnings } from '../../voip/callflows/prompts.js';
import { recordChange } from '../audit-trail.js';
import { parseAmiTarget } from '../ami-target.js';

/** Written, but not in effect until Asterisk restarts (a transport's bind or protocol). */
export const EXIT_NEEDS_RESTART = 3;

// Long lists (a first apply adds every extension) become a count and the first few names.
const list = (label: string, xs: string[]) => (xs.length === 0 ? '' : xs.length <= 9 ? `${label} ${xs.join(', ')}` : `${label} ${xs.length} categories (${xs.slice(0, 3).join(', ')}, …)`);
const what = (f: FileResult) => [list('add', f.added), list('change', f.changed), list('remove', f.removed)].filter(Boolean).join('; ');
const messages = (f: FileResult) => `${f.steps} UpdateConfig steps in ${f.messages} message${f.messages === 1 ? '' : 's'}`;

function printDiffs(r: ApplyResult, o: Output): void {
  for (const f of r.files) if (f.diff) o.out(f.diff.endsWith('\n') ? f.diff : `${f.diff}\n`);
}

function printPlan(r: ApplyResult, o: Output, verb: string): void {
  for (const f of r.files.filter((x) => x.steps > 0)) o.out(`${verb}: ${f.file} would ${what(f)}${f.created ? ' (file created)' : ''} (${messages(f)})\n`);
  for (const n of r.needsRestart) o.out(`${verb}: ${n}: needs an Asterisk restart (res_pjsip does not reload it)\n`);
}

function printResult(r: ApplyResult, o: Output, dryRun: boolean): void {
  if (!dryRun) printDiffs(r, o);
  const todo = r.files.filter((f) => f.steps > 0);
  if (todo.length === 0) {
    const files = `${r.files.map((f) => f.file).join(', ')} on the PBX already match${r.files.length === 1 ? 'es' : ''} the inventory`;
    // The files are right but Asterisk does not run them yet: that is not "nothing to do".
    o.out(r.needsRestart.length ? `${files}, but Asterisk does not run all of it until it restarts:\n` : `${files}; nothing to do\n`);
  } else if (dryRun) {
    printDiffs(r, o);
    printPlan(r, o, 'dry run');
    o.out('dry run: nothing was changed\n');
    return;
  } else {
    for (const f of todo) o.out(`applied ${f.file}: ${what(f)}${f.created ? ' (file created)' : ''}; reloaded ${f.module}\n`);
    o.out(`verified endpoints: ${r.verified.length > 9 ? `${r.verified.length} (${r.verified.slice(0, 3).join(', ')}, …)` : r.verified.join(', ') || 'none new'}\n`);
  }
  for (const n of r.needsRestart) o.out(`NOT IN EFFECT until Asterisk restarts: ${n} (res_pjsip keeps the running transport; e.g. \`core restart gracefully\` on the PBX)\n`);
}

/** On a terminal: the plan, then a question; anything but y/yes declines. */
async function askOnTerminal(r: ApplyResult, o: Output): Promise<boolean> {
  printDiffs(r, o);
  printPlan(r, o, 'plan');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('Apply these changes to the PBX? [y/N] ');
    return /^\s*(y|yes|t|tak)\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}

export function registerVoipApply(program: Command): void {
  voipCommand(program)
    .command('apply')
    .description(
      "bring the PBX's pjsip.conf, voicemail.conf and extensions.conf to the inventory over AMI (admin user): plan, stage in a private copy, swap each file in one step, reload, verify what Asterisk runs; restores every swapped file on failure (manager.conf is never touched)",
    )
    .option('--dry-run', 'show the diff and the planned changes; change nothing')
    .option('-y, --yes', 'apply without asking (needed when not on a terminal)')
    .option('--ami <host:port>', 'connect here instead of pbx.ami.address:port (e.g. an SSH tunnel)')
    .option('--json', 'print the result as JSON (needs --yes or --dry-run)')
    .addHelpText(
      'after',
      '\nExit status: 0 applied (or nothing to do), 1 failed (the PBX is as before unless it says RESTORE FAILED), 2 bad input or no --yes off a terminal, 3 applied (or already written) but a change needs an Asterisk restart to take effect.\n' +
        '\nThe PBX needs a private directory for backup and staging copies, once:\n  install -d -m 0700 -o asterisk -g asterisk /etc/asterisk/srw\n' +
        '\nExamples:\n  $ srw voip apply --dry-run\n  $ srw voip apply            # shows the plan, asks y/N\n  $ srw voip apply --yes      # scripts, CI\n  $ srw voip apply --yes --ami 127.0.0.1:15038   # through ssh -L 15038:127.0.0.1:5038 pbx',
    )
    .action(async (opts: { dryRun?: boolean; yes?: boolean; ami?: string; json?: boolean }, cmd: Command) => {
      const o = defaultOutput();
      const dryRun = Boolean(opts.dryRun);
      const interactive = !dryRun && !opts.yes && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY) && !opts.json;
      if (!dryRun && !opts.yes && !interactive) {
        throw new ExitError(EXIT_BAD_INPUT, 'error: srw voip apply changes the PBX and is not running on a terminal to ask first: pass --yes to apply, or --dry-run to see the plan');
      }
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const pbx = loaded.inventory.pbx;
      if (!pbx) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: no pbx section`);
      const admin = pbx.ami.admin;
      if (!admin) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: pbx.ami.admin is not set; apply needs the admin AMI user (write=config,system), never the monitoring one`);
      const adminSecret = resolveSecret(admin.secret, { baseDir: loaded.baseDir, file: loaded.file, path: ['pbx', 'ami', 'admin', 'secret'] });
      if (!adminSecret.ok) throw new ProblemError(adminSecret.problems);
      // A dry run must change nothing, also not the secrets file: missing passwords stay in memory.
      const secrets = resolvePbxSecrets(loaded, { generateMissing: true, keepInMemory: dryRun });
      if (!secrets.ok) throw new ProblemError(secrets.problems);
      printProblems([...secrets.value.warnings, ...sipWarnings(pbx, loaded.file), ...promptWarnings(loaded)], o);
      const target = opts.ami ? parseAmiTarget(opts.ami) : { host: pbx.ami.address, port: pbx.ami.port };
      const connect = async () => {
        const client = new AmiClient({ ...target, username: admin.user, secret: () => adminSecret.value.reveal(), events: 'off', reconnect: false, keepaliveMs: 0 });
        await client.connect();
        return client;
      };
      try {
        const result = await applyPbxConfig(loaded.inventory, lookupOf(secrets.value), {
          dryRun,
          connect,
          progress: opts.json ? undefined : (l) => o.err(`${l}\n`),
          ...(interactive ? { confirm: (plan: ApplyResult) => askOnTerminal(plan, o) } : {}),
        });
        if (result.declined) {
          o.out('nothing was changed\n');
          return;
        }
        const changed = result.files.filter((f) => f.steps > 0);
        if (!dryRun && result.applied && changed.length > 0) recordChange({ summary: changed.map((f) => `${f.file}: ${what(f)}`).join('; '), files: changed.map((f) => ({ file: f.file, added: f.added, changed: f.changed, removed: f.removed })) });
        if (opts.json) printJson({ ok: true, dryRun, ...result }, o);
        else printResult(result, o, dryRun);
        // Also when nothing was left to write: the inventory is still not in effect.
        if (!dryRun && result.needsRestart.length) throw new ExitError(EXIT_NEEDS_RESTART, '');
      } catch (e) {
        if (e instanceof ConfigValueError) throw new ExitError(EXIT_BAD_INPUT, `error: ${e.message}`);
        // Nothing was changed: the PBX holds a category srw cannot address, or lacks the private directory.
        if (e instanceof PlanError) throw new ExitError(EXIT_FAILURE, `error: ${e.message}`);
        if (e instanceof StagingDirError) throw new ExitError(EXIT_FAILURE, `error: ${e.message}`);
        if (e instanceof ApplyError) {
          if (!dryRun) recordChange({ summary: `apply failed (${e.message}); ${e.restored ? 'the PBX files were restored' : 'NOT restored'}`, restored: e.restored });
          if (opts.json) printJson({ ok: false, restored: e.restored, liveTouched: e.liveTouched, error: e.message, ...e.result }, o);
          else printDiffs(e.result, o);
          throw new ExitError(EXIT_FAILURE, `error: ${e.message}`);
        }
        throw e;
      }
    });
}
