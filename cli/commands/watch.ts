// `srw watch`: the live dashboard (Ink) over the SNMP poller and the PBX monitor, or with
// `--once` one snapshot of everything for scripts. A thin adapter: the poller, the PBX monitor
// and the dashboard do the work; this file wires them and maps the outcome to an exit code.
import type { Command } from 'commander';
import type { LoadedInventory } from '../../infra/inventory/index.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, ExitError, printJson, useColor } from '../report.js';
import { startWatchSources, type WatchSources } from '../watch-sources.js';
import { trapOptions } from '../event-sources.js';
import { parseSeconds } from '../duration.js';

export type WatchOptions = {
  once?: boolean;
  json?: boolean;
  lang?: string;
  color?: boolean;
  timeout?: string;
  sample?: string;
  /** Receive traps ([HOST:]PORT, or true for 0.0.0.0:162). */
  traps?: string | boolean;
  trapRate?: string;
  trapEngineId?: string;
  /** Topology baseline file (default srw-topology.json beside the inventory). */
  baseline?: string;
  /** Called once the poller runs and the PBX monitor is connected (or gave up): `srw demo` starts its PBX activity here. */
  onWatching?: () => void;
  /** Runs beside the dashboard on the same sources (the demo's exporter); returns its cleanup. */
  attach?: (sources: WatchSources) => Promise<() => Promise<void>>;
};

const EXAMPLES = `
Examples:
  $ srw watch -i examples/starachowice.yaml              # the dashboard (Tab views, ? help, q quit)
  $ srw watch --lang en --no-color                       # English, symbols only
  $ srw watch --once --json | jq '.counts'               # one snapshot; exit 1 if anything is down
  $ srw watch --once --json --sample 10 | jq '.devices[] | {name, worstUtilisation, errorRate}'
                                                         # two polls 10 s apart: rates too
  $ srw watch --traps :1162                              # also receive traps (event list: e; neighbours: n)
  $ srw watch --once --json | jq '.topology.drift'        # LLDP neighbours that differ from the expected ones
  $ srw demo                                             # the same dashboard on a simulated lab`;

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('live dashboard of switches, UPSes and the PBX; --once --json prints one snapshot (exit 1 if anything is down)')
    .option('--once', 'poll everything once, print the overview and exit (exit 1 if anything is down)')
    .option('--json', 'with --once: print the snapshot as JSON')
    .option('--lang <lang>', 'pl | en (default: the inventory\'s site.locale, then LANG)')
    .option('--no-color', 'symbols only, no colour (NO_COLOR does the same)')
    .option('--timeout <seconds>', 'with --once: how long to wait for the devices and the PBX to answer (seconds, or e.g. 500ms)', '5')
    .option('--sample <seconds>', 'with --once: poll twice, this many seconds apart, so traffic rates, utilisation and error rates are filled in', '0')
    .option('--traps [host:port]', 'receive SNMP traps and informs from the inventory\'s devices (default 0.0.0.0:162); a trap re-polls its device at once')
    .option('--trap-rate <n>', 'traps per second accepted from one device (bursts of 5×); more are counted and dropped', '20')
    .option('--trap-engine-id <hex>', 'SNMPv3 engine ID of the receiver, for informs (default: derived from the host name and address)')
    .option('--baseline <file>', 'topology baseline for drift (default: srw-topology.json beside the inventory, written by `srw topology save`)')
    .addHelpText('after', EXAMPLES)
    .action(async (opts: WatchOptions, cmd: Command) => {
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      await watchInventory(loaded, opts);
    });
}

/** The topology part of `watch --once --json`: links that disagree and drift, for scripts and checks. */
function topologyJson(t: import('../topology-source.js').TopologyState) {
  return {
    links: t.topology.links.length,
    disagreeing: t.topology.links.filter((l) => l.agreement === 'mismatch' || l.agreement === 'one-sided'),
    drift: t.drift,
    baseline: t.baseline ? { file: t.baselineFile, savedAt: t.baseline.savedAt } : null,
  };
}

/** Lines longer than any overview row: what "no width" means for a pipe or a file. */
const UNCUT = 1000;

/**
 * Columns for `--once` text: the terminal's width; on a pipe or a file, COLUMNS when it is set,
 * else no cutting at all (a script or a mail report wants the whole reason, not "from 127…").
 */
export function printWidth(terminalColumns: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (terminalColumns) return terminalColumns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns >= 20 ? columns : UNCUT;
}

function checkLang(lang: string | undefined): 'pl' | 'en' | undefined {
  if (lang === undefined || lang === 'pl' || lang === 'en') return lang;
  throw new ExitError(EXIT_BAD_INPUT, `--lang: expected pl or en, found "${lang}"`);
}

/** Runs the dashboard (or --once) on a loaded inventory; `srw demo` calls this on its lab's inventory. */
export async function watchInventory(loaded: LoadedInventory, opts: WatchOptions): Promise<void> {
  const o = defaultOutput();
  const flagLang = checkLang(opts.lang);
  const timeoutS = parseSeconds('--timeout', opts.timeout ?? '5', { max: 600 });
  const sampleS = Number(opts.sample ?? 0);
  if (!Number.isFinite(sampleS) || sampleS < 0 || sampleS > 3600) throw new ExitError(EXIT_BAD_INPUT, `--sample: expected seconds from 0 to 3600, found "${opts.sample}"`);
  if (sampleS > 0 && !opts.once) throw new ExitError(EXIT_BAD_INPUT, '--sample only applies to --once (the dashboard computes rates on every poll)');
  if (!opts.once && !process.stdin.isTTY) {
    throw new ExitError(EXIT_BAD_INPUT, 'srw watch needs a terminal; in scripts use `srw watch --once --json`');
  }
  // React and Ink load only here, in production mode: the other commands never pay for them,
  // and React's development build costs the dashboard frames (see test/bench/tui.ts).
  process.env.NODE_ENV ??= 'production';
  // Ink reads CI / CONTINUOUS_INTEGRATION once, when it is imported, and then draws only the last
  // frame: a live dashboard in a real terminal would freeze for anyone whose shell exports CI
  // (and did in our own CI's tmux test). A terminal on stdout wins over those variables.
  if (!opts.once && process.stdout.isTTY) {
    delete process.env.CI;
    delete process.env.CONTINUOUS_INTEGRATION;
  }
  const tui = await import('../tui/entry.js');
  const config = tui.dashboardConfig(loaded.inventory);
  const lang = tui.pickLang(flagLang, loaded.inventory.site.locale);
  const traps = trapOptions(opts);
  const sources: WatchSources = await startWatchSources(loaded, !opts.once, sampleS * 1000, { ...(traps ? { traps } : {}), ...(opts.baseline ? { baseline: opts.baseline } : {}) });
  let detach: (() => Promise<void>) | undefined;
  try {
    if (opts.attach) detach = await opts.attach(sources);
    if (opts.onWatching) void sources.settle(3000).then(opts.onWatching);
    if (opts.once) {
      // Both polls of a --sample must fit: the wait covers the gap plus a timeout for each poll.
      await sources.settle((timeoutS * (sampleS > 0 ? 2 : 1) + sampleS) * 1000);
      const snap = tui.watchSnapshot(config, sources.monitoring.getSnapshot(), sources.pbx?.getSnapshot(), Date.now());
      if (opts.json) printJson({ ...snap, topology: topologyJson(sources.topology.getSnapshot()) }, o);
      else o.out(tui.overviewText(config, sources.monitoring.getSnapshot(), sources.pbx?.getSnapshot(), Date.now(), lang, printWidth(process.stdout.columns)));
      throw new ExitError(tui.anythingDown(snap) ? EXIT_FAILURE : EXIT_OK);
    }
    await tui.runDashboard({
      config,
      monitoring: sources.monitoring,
      pbx: sources.pbx,
      events: sources.events,
      topology: sources.topology,
      lang,
      color: opts.color !== false && useColor(),
    });
  } finally {
    await detach?.();
    await sources.stop();
  }
}
