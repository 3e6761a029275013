// `srw voip route NUMBER [--at TIME] [--press KEYS] [--trunk NAME] [--night on|off|auto] [--json]`:
// where a call to NUMBER goes, from the inventory alone — each step and why.
import type { Command } from 'commander';
import type { NightSwitch } from '../../voip/callflows/router.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, ExitError, printJson } from '../report.js';
import { voipCommand } from './voip.js';

const bad = (message: string) => new ExitError(EXIT_BAD_INPUT, `error: ${message}`);

export function registerVoipRoute(program: Command): void {
  voipCommand(program)
    .command('route')
    .description('explain where a call to NUMBER goes (route, schedule rule or holiday, menu keys, ring groups, queues), from the inventory')
    .argument('<number>', 'the dialled number as the trunk delivers it (the DID)')
    .option('--at <time>', 'when the call comes in: "2026-04-06 10:00", an ISO time, or "10:00" for today (site time zone); default: now')
    .option('--press <keys>', 'what the caller types at each menu, comma-separated; an empty entry waits without a key (e.g. "1" or ",0" or "9,201")')
    .option('--trunk <name>', 'the trunk the call arrives on (default: the one that routes NUMBER, or the only one)')
    .option('--night <switch>', 'the night/holiday switch: on (closed), off (open), auto (the schedules decide)', 'auto')
    .option('--json', 'print the steps and hops as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ srw voip route 48412345678 --at "2026-04-06 10:00"        # Easter Monday\n  $ srw voip route 48412345678 --at "2026-03-03 09:00" --press 1\n  $ srw voip route 48412345678 --at 18:00 --press ,,\n  $ srw voip route 48412345678 --night on --json',
    )
    .action(async (number: string, opts: { at?: string; press?: string; trunk?: string; night: string; json?: boolean }, cmd: Command) => {
      // Loaded here, not at start-up: luxon and the router cost every other command ~0.1 s.
      const [{ formatRoute }, { RouteError, routeCall }, { parseAt }] = await Promise.all([
        import('../../voip/callflows/route-report.js'),
        import('../../voip/callflows/router.js'),
        import('../../voip/callflows/local-time.js'),
      ]);
      const o = defaultOutput();
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const inv = loaded.inventory;
      if (!inv.pbx) throw bad(`${loaded.file} has no pbx section`);
      const night = opts.night as NightSwitch;
      if (!['on', 'off', 'auto'].includes(night)) throw bad(`--night expects on, off or auto, found ${JSON.stringify(opts.night)}`);
      const at = opts.at === undefined ? new Date() : parseAt(opts.at, inv.site.timezone, new Date());
      if (!at) throw bad(`--at expects a time such as "2026-04-06 10:00", "2026-04-06T10:00+02:00" or "10:00", found ${JSON.stringify(opts.at)}`);
      const press = opts.press === undefined ? [] : opts.press.split(',').map((k) => k.trim());
      const wrong = press.find((k) => !/^[0-9*#]*$/.test(k));
      if (wrong !== undefined) throw bad(`--press takes the keys 0-9, * and #, comma-separated; found ${JSON.stringify(wrong)}`);
      let route;
      try {
        route = routeCall(inv, { number: number.trim(), at, press, night, ...(opts.trunk ? { trunk: opts.trunk } : {}) });
      } catch (e) {
        if (e instanceof RouteError) throw bad(e.message);
        throw e;
      }
      const where = (path: (string | number)[]) => {
        const loc = loaded.where(path);
        return loc ? `${loaded.file}:${loc.line}` : undefined;
      };
      if (opts.json) printJson({ ...route, steps: route.steps.map((s) => ({ ...s, ...(s.path && where(s.path) ? { at: where(s.path) } : {}) })) }, o);
      else o.out(formatRoute(route, where));
    });
}
