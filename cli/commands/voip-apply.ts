// `srw voip apply [--dry-run]`: thin adapter over voip/extensions/apply.ts with the admin AMI user.
import type { Command } from 'commander';
import { ProblemError, resolveSecret } from '../../infra/inventory/index.js';
import { AmiClient } from '../../voip/ami/client.js';
import { ApplyError, applyPjsip, type ApplyResult } from '../../voip/extensions/apply.js';
import { ConfigValueError } from '../../voip/extensions/config-file.js';
import { lookupOf, resolvePbxSecrets } from '../../voip/extensions/pbx-secrets.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, ExitError, printJson, printProblems, type Output } from '../report.js';
import { voipCommand } from './voip.js';

function parseTarget(s: string): { host: string; port: number } {
  const m = /^([^:]+):(\d{1,5})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new ExitError(EXIT_BAD_INPUT, `error: --ami expects HOST:PORT such as 127.0.0.1:15038, found "${s}"`);
  return { host: m[1]!, port: Number(m[2]) };
}

function printResult(r: ApplyResult, o: Output, dryRun: boolean): void {
  if (r.diff) o.out(r.diff.endsWith('\n') ? r.diff : `${r.diff}\n`);
  if (r.steps === 0) {
    o.out(`${r.file} on the PBX already matches the inventory; nothing to do\n`);
    return;
  }
  // Long lists (a first apply adds every extension) become a count and the first few names.
  const list = (label: string, xs: string[]) => (xs.length === 0 ? '' : xs.length <= 9 ? `${label} ${xs.join(', ')}` : `${label} ${xs.length} categories (${xs.slice(0, 3).join(', ')}, …)`);
  const what = [list('add', r.added), list('change', r.changed), list('remove', r.removed)].filter(Boolean).join('; ');
  if (dryRun) o.out(`dry run: would ${what} (${r.steps} UpdateConfig steps); nothing was changed\n`);
  else o.out(`applied: ${what}; reloaded res_pjsip.so; verified endpoints: ${r.verified.length > 9 ? `${r.verified.length} (${r.verified.slice(0, 3).join(', ')}, …)` : r.verified.join(', ') || 'none new'}\n`);
}

export function registerVoipApply(program: Command): void {
  voipCommand(program)
    .command('apply')
    .description("bring the PBX's pjsip.conf to the inventory over AMI (admin user): diff, UpdateConfig, reload, verify; restores on failure")
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
      const target = opts.ami ? parseTarget(opts.ami) : { host: pbx.ami.address, port: pbx.ami.port };
      const connect = async () => {
        const client = new AmiClient({ ...target, username: admin.user, secret: () => adminSecret.value.reveal(), events: 'off', reconnect: false, keepaliveMs: 0 });
        await client.connect();
        return client;
      };
      try {
        const result = await applyPjsip(pbx, lookupOf(secrets.value), { dryRun: Boolean(opts.dryRun), connect, progress: opts.json ? undefined : (l) => o.err(`${l}\n`) });
        if (opts.json) printJson({ ok: true, dryRun: Boolean(opts.dryRun), ...result }, o);
        else printResult(result, o, Boolean(opts.dryRun));
      } catch (e) {
        if (e instanceof ConfigValueError) throw new ExitError(EXIT_BAD_INPUT, `error: ${e.message}`);
        if (e instanceof ApplyError) {
          if (opts.json) printJson({ ok: false, restored: e.restored, error: e.message, ...e.result }, o);
          else if (e.result.diff) o.out(e.result.diff);
          throw new ExitError(EXIT_FAILURE, `error: ${e.message}`);
        }
        throw e;
      }
    });
}
