// `srw voip import-pbx [--dry-run] [--force]`: thin adapter over voip/import with the admin AMI
// user. Prints what was found, conflicts and per-item problems; never a password or PIN.
import type { Command } from 'commander';
import { inventoryPath, ProblemError, resolveSecret } from '../../infra/inventory/index.js';
import { AmiClient } from '../../voip/ami/client.js';
import { foundExtensions } from '../../voip/import/found-extensions.js';
import { planImport, writeImport } from '../../voip/import/import-pbx.js';
import { readPbxConfig } from '../../voip/import/pbx-config.js';
import { parseAmiTarget } from '../ami-target.js';
import { recordChange } from '../audit-trail.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, ExitError, printJson, printProblems } from '../report.js';
import { voipCommand } from './voip.js';

const few = (xs: readonly string[]) => (xs.length <= 12 ? xs.join(', ') : `${xs.slice(0, 10).join(', ')}, … (${xs.length})`);

export function registerVoipImport(program: Command): void {
  voipCommand(program)
    .command('import-pbx')
    .description("read a running Asterisk's extensions over AMI (admin user: GetConfig of pjsip.conf and voicemail.conf, PJSIPShowEndpoints) into the inventory; passwords and PINs go to pbx.secretsFile, never to the screen")
    .option('--dry-run', 'show what would be imported; write nothing')
    .option('--force', 'replace inventory extensions that differ from the PBX (name, mailbox, password, pjsip objects)')
    .option('--ami <host:port>', 'connect here instead of pbx.ami.address:port (e.g. an SSH tunnel)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExit status: 0 imported (items srw cannot take are listed as warnings and left out), 1 conflicts without --force or the PBX could not be read, 2 bad input.\n' +
        '\nExamples:\n  $ srw voip import-pbx --dry-run\n  $ srw voip import-pbx\n  $ srw voip import-pbx --force --ami 127.0.0.1:15038',
    )
    .action(async (opts: { dryRun?: boolean; force?: boolean; ami?: string; json?: boolean }, cmd: Command) => {
      const o = defaultOutput();
      const flag = cmd.optsWithGlobals<{ inventory?: string }>().inventory;
      const loaded = loadOrThrow(flag);
      const pbx = loaded.inventory.pbx;
      if (!pbx) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: no pbx section`);
      const admin = pbx.ami.admin;
      if (!admin) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: pbx.ami.admin is not set; import-pbx reads pjsip.conf with the admin AMI user (write=config,system)`);
      const adminSecret = resolveSecret(admin.secret, { baseDir: loaded.baseDir, file: loaded.file, path: ['pbx', 'ami', 'admin', 'secret'] });
      if (!adminSecret.ok) throw new ProblemError(adminSecret.problems);
      const target = opts.ami ? parseAmiTarget(opts.ami) : { host: pbx.ami.address, port: pbx.ami.port };
      const client = new AmiClient({ ...target, username: admin.user, secret: () => adminSecret.value.reveal(), events: 'off', reconnect: false, keepaliveMs: 0 });
      let config;
      try {
        await client.connect();
        config = await readPbxConfig(client);
      } catch (e) {
        throw new ExitError(EXIT_FAILURE, `error: reading the PBX at ${target.host}:${target.port}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        await client.close().catch(() => {});
      }
      const found = foundExtensions(config, pbx);
      const plan = planImport(found, loaded);
      if (config.running === undefined) plan.problems.push({ code: 'reference', severity: 'warning', message: `PJSIPShowEndpoints refused (${config.runningUnknown}); endpoints Asterisk does not run cannot be told apart`, file: 'PBX', path: [] });
      // Category and option names come from the PBX: defaultOutput shows their control characters, never obeys them.
      if (!opts.json) printProblems(plan.problems, o, false);
      const summary = {
        found: found.extensions.length,
        add: plan.add.map((f) => ({ number: f.number, name: f.name, voicemail: f.voicemail, ...(f.department ? { department: f.department } : {}), pjsip: f.pjsip !== undefined })),
        conflicts: plan.conflicts,
        unchanged: plan.unchanged,
        // Where and why, never a value: the messages name files, categories, lines and fields.
        problems: plan.problems,
      };
      if (opts.dryRun) {
        if (opts.json) return printJson({ ok: true, dryRun: true, ...summary }, o);
        for (const f of plan.add) o.out(`would import ${f.number} ${f.name}${f.department ? ` (${f.department})` : ''}${f.voicemail ? ', voicemail' : ''}${f.pjsip ? ', objects as found' : ''}\n`);
        for (const c of plan.conflicts) o.out(`conflict ${c.number}: inventory "${c.inventoryName}", PBX "${c.pbxName}" differ in ${c.fields.join(', ')}\n`);
        o.out(`dry run: ${plan.add.length} to import, ${plan.conflicts.length} conflicts${plan.unchanged.length ? `, ${plan.unchanged.length} already in the inventory` : ''}, ${plan.problems.length} not importable; nothing was written\n`);
        return;
      }
      const written = writeImport(inventoryPath(flag), plan, { force: Boolean(opts.force) });
      if (!written.ok) {
        if (opts.json) printJson({ ok: false, ...summary }, o);
        printProblems(written.problems, o, false);
        throw new ExitError(EXIT_FAILURE, plan.conflicts.length && !opts.force ? `error: ${plan.conflicts.length} conflict${plan.conflicts.length === 1 ? '' : 's'} with the inventory; nothing was written (see above, or pass --force)` : '');
      }
      const w = written.value;
      if (w.added.length || w.replaced.length) recordChange({ summary: `import-pbx: added ${few(w.added) || 'none'}${w.replaced.length ? `; replaced ${few(w.replaced)}` : ''}` });
      if (opts.json) return printJson({ ok: true, dryRun: false, ...summary, added: w.added, replaced: w.replaced }, o);
      o.out(`imported ${w.added.length} extension${w.added.length === 1 ? '' : 's'}${w.added.length ? ` (${few(w.added)})` : ''}${w.replaced.length ? `, replaced ${few(w.replaced)}` : ''} into ${loaded.file}\n`);
      if (w.secretsFile) o.out(`passwords and PINs: ${w.secretsFile} (mode 0600)\n`);
      if (plan.problems.length) o.out(`${plan.problems.length} item${plan.problems.length === 1 ? '' : 's'} not imported (warnings above)\n`);
    });
}
