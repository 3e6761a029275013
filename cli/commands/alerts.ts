// `srw alerts`: the alerting and recording rules generated from the inventory (monitoring/alerts),
// their promtool unit tests and the Alertmanager routing; printed, written to a directory, or
// checked with the real promtool. `srw synth` puts the same files on the monitoring host.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { alertsOf, isRuleFile, isTestFile, renderRules, ruleFiles, ruleSet, TESTS_DIR, type Lang } from '../../monitoring/alerts/index.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, ExitError, printJson } from '../report.js';

type Flags = { out?: string; lang?: string; check?: boolean; json?: boolean };

/** Each file is written beside its final name and renamed, so a reader never sees half a file. */
export function writeFilesAtomically(dir: string, files: Record<string, string>): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([name, content]) => {
    const target = join(dir, name);
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.tmp-${process.pid}`;
    writeFileSync(tmp, content, { mode: 0o644 });
    renameSync(tmp, target);
    return target;
  });
}

export function registerAlerts(program: Command): void {
  program
    .command('alerts')
    .description('alerting + recording rules for Prometheus generated from the inventory, their promtool tests and the Alertmanager routing')
    .option('-o, --out <dir>', `write srw-<group>.yml rule files, their promtool tests (${TESTS_DIR}/) and alertmanager.yml into DIR`)
    .option('--lang <lang>', 'language of summaries and descriptions: pl | en (default: alerts.language, else site.locale)')
    .option('--check', 'run promtool check rules and promtool test rules on the generated files; write nothing')
    .option('--json', 'list the alerts (name, device, severity, for, summary) as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ srw alerts -i examples/starachowice.yaml                 # every rule group on stdout',
        '  $ srw alerts --out /etc/prometheus/rules                   # then: promtool check rules, reload Prometheus',
        '  $ srw alerts --check                                       # promtool check + unit tests of every alert',
        "  $ srw alerts --json | jq '.[] | select(.severity==\"critical\") | .summary'",
      ].join('\n'),
    )
    .action((flags: Flags, cmd: Command) => {
      const o = defaultOutput();
      if (flags.lang !== undefined && flags.lang !== 'pl' && flags.lang !== 'en') throw new ExitError(EXIT_BAD_INPUT, `--lang: expected pl or en, found "${flags.lang}"`);
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const lang = flags.lang as Lang | undefined;
      const files = ruleFiles(loaded.inventory, lang ? { lang } : {});
      if (flags.json) {
        const alerts = alertsOf(ruleSet(loaded.inventory, lang ? { lang } : {}));
        printJson(alerts.map((a) => ({ alert: a.alert, ...a.labels, for: a.for, summary: a.annotations.summary, runbook: a.annotations.runbook, expr: a.expr })), o);
        throw new ExitError(EXIT_OK);
      }
      if (flags.check) {
        const dir = mkdtempSync(join(tmpdir(), 'srw-alerts-'));
        try {
          writeFilesAtomically(dir, files);
          const names = Object.keys(files);
          for (const args of [['check', 'rules', ...names.filter(isRuleFile)], ['test', 'rules', ...names.filter(isTestFile)]]) {
            const r = spawnSync('promtool', args, { cwd: dir, encoding: 'utf8' });
            if (r.error) throw new ExitError(EXIT_BAD_INPUT, `error: cannot run promtool (${(r.error as NodeJS.ErrnoException).code}); install it (Debian: apt-get install prometheus)`);
            o.out(`$ promtool ${args.join(' ')}\n${r.stdout}${r.stderr}`);
            if (r.status !== 0) throw new ExitError(EXIT_FAILURE, `promtool ${args.slice(0, 2).join(' ')} failed`);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        throw new ExitError(EXIT_OK);
      }
      if (flags.out) {
        for (const f of writeFilesAtomically(flags.out, files)) o.out(`wrote ${f}\n`);
        throw new ExitError(EXIT_OK);
      }
      o.out(renderRules(ruleSet(loaded.inventory, lang ? { lang } : {})));
    });
}
