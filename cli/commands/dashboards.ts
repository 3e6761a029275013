// `srw dashboards`: the Grafana dashboards generated from the inventory (monitoring/dashboards):
// overview, one switch with its ports, one UPS, the PBX; the datasource is a dashboard variable.
import type { Command } from 'commander';
import { renderDashboards, siteDashboards } from '../../monitoring/dashboards/index.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_OK, ExitError, printJson } from '../report.js';
import { writeFilesAtomically } from './alerts.js';

export function registerDashboards(program: Command): void {
  program
    .command('dashboards')
    .description('Grafana dashboards (JSON, Grafana 12 schema) for the inventory: overview, switch, UPS, PBX')
    .option('-o, --out <dir>', 'write one <uid>.json per dashboard into DIR (Grafana file provisioning reads it as it is)')
    .option('--lang <lang>', 'language of titles: pl | en (default: alerts.language, else site.locale)')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ srw dashboards --out /var/lib/grafana/dashboards/srw',
        "  $ srw dashboards | jq '.[].title'",
        "  $ srw dashboards | jq -r '.[].panels[].targets[].expr'     # every query, for review",
      ].join('\n'),
    )
    .action((flags: { out?: string; lang?: string }, cmd: Command) => {
      const o = defaultOutput();
      if (flags.lang !== undefined && flags.lang !== 'pl' && flags.lang !== 'en') throw new ExitError(EXIT_BAD_INPUT, `--lang: expected pl or en, found "${flags.lang}"`);
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const opts = flags.lang ? { lang: flags.lang as 'pl' | 'en' } : {};
      if (flags.out) {
        for (const f of writeFilesAtomically(flags.out, renderDashboards(loaded.inventory, opts))) o.out(`wrote ${f}\n`);
        throw new ExitError(EXIT_OK);
      }
      printJson(Object.values(siteDashboards(loaded.inventory, opts)), o);
    });
}
