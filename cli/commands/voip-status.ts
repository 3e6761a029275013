// `srw voip status [--json]`: one look at the PBX through the monitoring AMI user.
import type { Command } from 'commander';
import { ProblemError, resolveSecret } from '../../infra/inventory/index.js';
import { AmiError } from '../../voip/ami/errors.js';
import { PbxMonitor } from '../../voip/ami/pbx-monitor.js';
import { formatStatus, statusReport } from '../../voip/ami/status-report.js';
import { knownTrunks } from '../../voip/extensions/pjsip.js';
import { loadOrThrow } from '../load-or-exit.js';
import { terminalSafe } from '../terminal-text.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, ExitError, printJson } from '../report.js';
import { voipCommand } from './voip.js';
import { parseSeconds } from '../duration.js';
import { parseAmiTarget } from '../ami-target.js';

export function registerVoipStatus(program: Command): void {
  voipCommand(program)
    .command('status')
    .description('endpoints, contacts, trunks and calls as the PBX reports them over AMI (monitoring user)')
    .option('--json', 'print JSON')
    .option('--timeout <seconds>', 'give up when AMI does not answer within this time (seconds, or e.g. 500ms)', '5')
    .option('--ami <host:port>', 'connect here instead of pbx.ami.address:port (e.g. an SSH tunnel)')
    .addHelpText(
      'after',
      "\nExit 1 when AMI is unreachable or refuses the login.\n\nExamples:\n  $ SRW_AMI_MONITOR_SECRET=… srw voip status\n  $ srw voip status --json | jq '.calls'\n  $ srw voip status --ami 127.0.0.1:15038 --timeout 2   # through ssh -L 15038:127.0.0.1:5038 pbx",
    )
    .action(async (opts: { json?: boolean; timeout: string; ami?: string }, cmd: Command) => {
      const o = defaultOutput();
      const { inventory, file, baseDir } = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const pbx = inventory.pbx;
      if (!pbx) throw new ExitError(EXIT_BAD_INPUT, `error: ${file} has no pbx section`);
      const timeout = parseSeconds('--timeout', opts.timeout, { max: 60 }) * 1000;
      const target = opts.ami ? parseAmiTarget(opts.ami) : { host: pbx.ami.address, port: pbx.ami.port };
      const secret = resolveSecret(pbx.ami.monitor.secret, { baseDir, file, path: ['pbx', 'ami', 'monitor', 'secret'] });
      if (!secret.ok) throw new ProblemError(secret.problems);
      const monitor = new PbxMonitor({
        mode: pbx.ami.mode,
        trunks: knownTrunks(pbx),
        client: { ...target, username: pbx.ami.monitor.user, secret: () => secret.value.reveal(), reconnect: false, keepaliveMs: 0, connectTimeoutMs: timeout, actionTimeoutMs: timeout },
      });
      try {
        await monitor.start();
      } catch (e) {
        await monitor.stop();
        if (e instanceof AmiError) throw new ExitError(EXIT_FAILURE, `error: ${e.message}`);
        throw e;
      }
      const report = statusReport(monitor.store.getSnapshot(), pbx);
      await monitor.stop();
      if (opts.json) printJson(report, o);
      // PBX-supplied text on its own lines: a line break in a contact's user agent stays in its line.
      else o.out(formatStatus(terminalSafe(report)));
    });
}
