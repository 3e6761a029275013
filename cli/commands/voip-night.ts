// `srw voip night [on|off|auto] [--schedule NAME] [--ami HOST:PORT] [--json]`: the night/holiday
// switch of the call flows' schedules, live over AMI with the admin user (AstDB; no reload).
// Without a position it shows where each schedule's switch stands.
import type { Command } from 'commander';
import { ProblemError, resolveSecret } from '../../infra/inventory/index.js';
import { AmiClient } from '../../voip/ami/client.js';
import type { NightSwitch } from '../../voip/callflows/router.js';
import { NightSwitchError, nightSchedules, readNight, setNight, type NightPosition } from '../../voip/callflows/night-switch.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, ExitError, printJson, type Output } from '../report.js';
import { voipCommand } from './voip.js';
import { recordChange } from '../audit-trail.js';
import { parseAmiTarget } from '../ami-target.js';

const MEANING: Record<NightSwitch, string> = {
  on: 'on: closed (night/holiday branch) whatever the hours say',
  off: 'off: open (day mode) whatever the hours say',
  auto: 'auto: the office hours and the calendar decide',
};

function printPositions(ps: readonly NightPosition[], o: Output): void {
  const w = Math.max(...ps.map((p) => p.schedule.length));
  for (const p of ps) {
    const odd = p.position === 'auto' && p.stored !== '' ? ` (the PBX holds ${JSON.stringify(p.stored)}, which srw did not write: treated as auto)` : '';
    o.out(`${p.schedule.padEnd(w)}  ${MEANING[p.position]}${odd}\n`);
  }
}

export function registerVoipNight(program: Command): void {
  voipCommand(program)
    .command('night')
    .description('show or flip the night/holiday switch of the call flows\' schedules, live over AMI (admin user; AstDB, no reload)')
    .argument('[position]', 'on (closed), off (open), auto (the schedule decides); omit to show the current position')
    .option('--schedule <name>', 'only this schedule (default: every schedule in pbx.callFlows.schedules)')
    .option('--ami <host:port>', 'connect here instead of pbx.ami.address:port (e.g. an SSH tunnel)')
    .option('--json', 'print the positions as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ srw voip night                 # where each switch stands\n  $ srw voip night on              # close now (e.g. an unplanned day off)\n  $ srw voip night auto --schedule urzad\n  $ srw voip route 48412345678 --night on   # what callers then meet',
    )
    .action(async (position: string | undefined, opts: { schedule?: string; ami?: string; json?: boolean }, cmd: Command) => {
      const o = defaultOutput();
      if (position !== undefined && !['on', 'off', 'auto'].includes(position)) {
        throw new ExitError(EXIT_BAD_INPUT, `error: srw voip night expects on, off or auto, found ${JSON.stringify(position)}`);
      }
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const pbx = loaded.inventory.pbx;
      if (!pbx) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: no pbx section`);
      const which = nightSchedules(loaded.inventory, opts.schedule);
      if (!which.ok) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: ${which.message}`);
      const admin = pbx.ami.admin;
      if (!admin) throw new ExitError(EXIT_BAD_INPUT, `error: ${loaded.file}: pbx.ami.admin is not set; the night switch needs the admin AMI user (write=system for DBPut), never the monitoring one`);
      const secret = resolveSecret(admin.secret, { baseDir: loaded.baseDir, file: loaded.file, path: ['pbx', 'ami', 'admin', 'secret'] });
      if (!secret.ok) throw new ProblemError(secret.problems);
      const target = opts.ami ? parseAmiTarget(opts.ami) : { host: pbx.ami.address, port: pbx.ami.port };
      const ami = new AmiClient({ ...target, username: admin.user, secret: () => secret.value.reveal(), events: 'off', reconnect: false, keepaliveMs: 0 });
      await ami.connect();
      try {
        if (position === undefined) {
          const now = await readNight(ami, which.names);
          if (opts.json) printJson({ schedules: now }, o);
          else printPositions(now, o);
          return;
        }
        const change = await setNight(ami, which.names, position as NightSwitch);
        if (change.changed.length) recordChange({ summary: `night switch ${position}: ${change.changed.join(', ')}`, night: position, schedules: change.changed });
        if (opts.json) printJson({ ok: true, position, changed: change.changed, schedules: change.after, ...(change.lampProblem ? { lampProblem: change.lampProblem } : {}) }, o);
        else {
          o.out(change.changed.length ? `night switch ${position} for ${change.changed.join(', ')}: in effect from the next call\n` : `night switch already ${position}; nothing to do\n`);
          printPositions(change.after, o);
          if (change.lampProblem) o.err(`warning: the BLF lamps (${change.after.map((a) => `night-${a.schedule}`).join(', ')}) were not set: ${change.lampProblem}\n`);
        }
      } catch (e) {
        if (e instanceof NightSwitchError) {
          if (opts.json) printJson({ ok: false, restored: e.restored, error: e.message }, o);
          throw new ExitError(EXIT_FAILURE, `error: ${e.message}`);
        }
        throw e;
      } finally {
        await ami.close().catch(() => undefined);
      }
    });
}
