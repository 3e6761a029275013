// `srw events [--follow] [--json]`: the event stream the dashboard's event list shows — traps
// (with --traps), link and device changes seen by polling, topology drift, PBX registrations and
// trunks — one line per event (JSON lines with --json) for scripts and logs.
import type { Command } from 'commander';
import type { MonitoringEvent } from '../../monitoring/events/index.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_OK, ExitError, type Output } from '../report.js';
import { trapOptions } from '../event-sources.js';
import { startWatchSources } from '../watch-sources.js';

type EventsOptions = { follow?: boolean; json?: boolean; timeout: string; traps?: string | boolean; trapRate?: string; trapEngineId?: string; baseline?: string };

export function eventLine(e: MonitoringEvent): string {
  return `${new Date(e.at).toISOString()}  ${e.severity.padEnd(8)} ${e.kind.padEnd(8)} ${e.source}${e.port ? ` ${e.port}` : ''}  ${e.summary}`;
}

export function eventJson(e: MonitoringEvent): string {
  return JSON.stringify({ ...e, at: new Date(e.at).toISOString() });
}

export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('print events as they happen: SNMP traps, link and device changes, topology drift, PBX registrations and trunks')
    .option('-f, --follow', 'keep running and print each event as it happens (Ctrl-C stops)')
    .option('--json', 'one JSON object per line')
    .option('--timeout <seconds>', 'without --follow: how long to wait for the first poll', '5')
    .option('--traps [host:port]', 'receive SNMP traps and informs from the inventory\'s devices (default 0.0.0.0:162)')
    .option('--trap-rate <n>', 'traps per second accepted from one device (bursts of 5×)', '20')
    .option('--trap-engine-id <hex>', 'SNMPv3 engine ID of the receiver, for informs')
    .option('--baseline <file>', 'topology baseline for drift (default: srw-topology.json beside the inventory)')
    .addHelpText(
      'after',
      [
        '',
        'Without --follow it polls once and prints what that found (drift against the inventory and the baseline), then exits.',
        '',
        'Examples:',
        '  $ srw events --follow --traps :1162',
        "  $ srw events --follow --json | jq -c 'select(.kind == \"trap\")'",
        '  $ srw events --json | jq -r .summary',
      ].join('\n'),
    )
    .action(async (opts: EventsOptions, cmd: Command) => {
      const o = defaultOutput();
      const timeoutS = Number(opts.timeout);
      if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new ExitError(EXIT_BAD_INPUT, `--timeout: expected seconds > 0, found "${opts.timeout}"`);
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const traps = trapOptions(opts);
      await runEvents(loaded, opts, o, timeoutS, traps);
    });
}

async function runEvents(loaded: ReturnType<typeof loadOrThrow>, opts: EventsOptions, o: Output, timeoutS: number, traps: ReturnType<typeof trapOptions>): Promise<void> {
  const print = (e: MonitoringEvent) => o.out(`${opts.json ? eventJson(e) : eventLine(e)}\n`);
  const sources = await startWatchSources(loaded, Boolean(opts.follow), 0, { ...(traps ? { traps } : {}), ...(opts.baseline ? { baseline: opts.baseline } : {}) });
  try {
    if (sources.traps?.engine) o.err(`traps on udp ${traps?.host}:${traps?.port}, SNMPv3 engine ID 0x${sources.traps.engine.engineId.toString('hex')}\n`);
    if (!opts.follow) {
      await sources.settle(timeoutS * 1000);
      for (const e of sources.events.getSnapshot().events) print(e);
      throw new ExitError(EXIT_OK);
    }
    for (const e of sources.events.getSnapshot().events) print(e);
    const off = sources.events.onEvent(print);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    off();
  } finally {
    await sources.stop();
  }
}
