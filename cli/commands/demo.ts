// `srw demo`: the whole dashboard on a simulated server room, on any machine, in one command.
// Starts the lab (cli/demo/lab.ts), loads the inventory it wrote like any other inventory, runs
// `srw watch` on it, and on q / Ctrl-C stops every simulator and removes the temp directory.
import type { Command } from 'commander';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, ExitError } from '../report.js';
import { startDemoLab } from '../demo/lab.js';
import { isLoopback, startDemoExporter } from '../demo/exporter.js';
import { parseListen } from './exporter.js';
import { watchInventory } from './watch.js';

type DemoOptions = { exporter?: boolean; listen: string; lang?: string; color?: boolean; once?: boolean; json?: boolean; interval: string };

const EXAMPLES = `
Examples:
  $ srw demo                               # or: npm start
  $ srw demo --lang en --no-color
  $ srw demo --exporter --listen 127.0.0.1:9116   # and let Prometheus scrape the lab
  $ srw demo --once --json                 # one snapshot of the lab, then exit`;

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the dashboard on an embedded lab: simulated switches, UPSes and a PBX on loopback')
    .option('--exporter', 'also serve the Prometheus exporter for the lab')
    .option('--listen <addr>', 'exporter address (loopback only)', '127.0.0.1:9116')
    .option('--lang <lang>', 'pl | en (default: LANG)')
    .option('--no-color', 'symbols only, no colour (NO_COLOR does the same)')
    .option('--once', 'poll the lab once, print and exit')
    .option('--json', 'with --once: JSON')
    .option('--interval <seconds>', 'poll interval of the lab devices', '2')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: DemoOptions) => {
      const o = defaultOutput();
      const listen = opts.exporter ? parseListen(opts.listen) : undefined;
      if (listen && !isLoopback(listen.host)) throw new ExitError(EXIT_BAD_INPUT, `--listen: the demo lab serves loopback only (127.0.0.1, ::1), found ${listen.host}`);
      const locale = opts.lang === 'pl' || opts.lang === 'en' ? opts.lang : (process.env.LANG ?? '').toLowerCase().startsWith('pl') ? 'pl' : 'en';
      const lab = await startDemoLab({ locale, interval: Math.max(1, Number(opts.interval) || 2) });
      // A signal before the dashboard is up (or in --once) must still stop the lab.
      const onSignal = () => void lab.stop().finally(() => process.exit(130));
      process.once('SIGINT', onSignal);
      try {
        const loaded = loadOrThrow(lab.inventoryPath);
        if (!opts.once) o.err(`srw demo: lab inventory ${lab.inventoryPath}\n`);
        await watchInventory(loaded, {
          once: opts.once,
          json: opts.json,
          lang: opts.lang,
          color: opts.color,
          timeout: '3',
          onWatching: () => lab.startActivity(),
          attach: listen
            ? async (sources) => {
                const exp = await startDemoExporter(loaded, sources, listen).catch((e: NodeJS.ErrnoException) => {
                  throw new ExitError(EXIT_FAILURE, `error: cannot listen on ${opts.listen}: ${e.code ?? e.message}`);
                });
                o.err(`srw demo: Prometheus can scrape ${exp.url} (and /snmp?target=core-1&module=if_mib)\n`);
                return async () => {
                  await exp.close();
                  o.err(`srw demo: exporter ${exp.url} stopped\n`);
                };
              }
            : undefined,
        });
      } finally {
        process.off('SIGINT', onSignal);
        await lab.stop();
      }
    });
}
