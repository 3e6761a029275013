// `srw topology`: the LLDP graph of the inventory's switches (text, Graphviz DOT, Mermaid or
// JSON), links whose two ends disagree marked, drift against the inventory's expected
// neighbours and the saved baseline; `srw topology save` writes that baseline.
import type { Command } from 'commander';
import { baselineOf, topologyDot, topologyMermaid, topologyText, writeBaseline } from '../../monitoring/topology/index.js';
import type { LoadedInventory } from '../../infra/inventory/index.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, ExitError, printJson, type Output } from '../report.js';
import { baselinePath, evaluateTopology, lldpDevicesOf, loadBaseline } from '../topology-source.js';
import { startWatchSources } from '../watch-sources.js';

const FORMATS = ['text', 'dot', 'mermaid', 'json'] as const;
type Format = (typeof FORMATS)[number];

function timeoutOf(s: string): number {
  const t = Number(s);
  if (!Number.isFinite(t) || t <= 0) throw new ExitError(EXIT_BAD_INPUT, `--timeout: expected seconds > 0, found "${s}"`);
  return t;
}

/** Polls every device once and returns the state; warns about LLDP switches that did not answer (their links stay unverified). */
async function pollOnceForTopology(loaded: LoadedInventory, timeoutS: number, o: Output, baseline?: string) {
  const sources = await startWatchSources(loaded, false, 0, baseline ? { baseline } : {});
  try {
    await sources.settle(timeoutS * 1000);
    const mon = sources.monitoring.getSnapshot();
    const lldp = lldpDevicesOf(loaded);
    for (const d of mon.devices) if (lldp.has(d.name) && d.status !== 'ok') o.err(`warning: ${d.name}: ${d.status === 'pending' ? 'no answer yet' : d.status}${d.reason ? ` (${d.reason})` : ''}; its LLDP neighbours are not known\n`);
    return mon;
  } finally {
    await sources.stop();
  }
}

export function registerTopology(program: Command): void {
  const topo = program
    .command('topology')
    .description('the switches and their LLDP neighbours as a graph (text, Graphviz DOT, Mermaid, JSON); links whose ends disagree and drift are marked')
    .option('--format <format>', `${FORMATS.join(' | ')}`, 'text')
    .option('--baseline <file>', 'baseline to compare with (default: srw-topology.json beside the inventory)')
    .option('--timeout <seconds>', 'how long to wait for the switches to answer', '5')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ srw topology -i examples/starachowice.yaml',
        '  $ srw topology --format dot | dot -Tsvg > topology.svg',
        '  $ srw topology --format mermaid            # paste into a wiki or a merge request',
        '  $ srw topology save                        # today\'s wiring becomes the baseline for drift',
        "  $ srw topology --format json | jq '.drift'",
      ].join('\n'),
    )
    .action(async (opts: { format: string; baseline?: string; timeout: string }, cmd: Command) => {
      const o = defaultOutput();
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new ExitError(EXIT_BAD_INPUT, `--format: expected ${FORMATS.join(', ')}, found "${opts.format}"`);
      const timeoutS = timeoutOf(opts.timeout);
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const file = baselinePath(loaded, opts.baseline);
      const baseline = loadBaseline(file);
      const mon = await pollOnceForTopology(loaded, timeoutS, o, opts.baseline);
      const t = evaluateTopology(loaded, mon, file, baseline);
      const format = opts.format as Format;
      if (format === 'json') printJson({ nodes: t.topology.nodes, links: t.topology.links, drift: t.drift, baseline: baseline ? { file, savedAt: baseline.savedAt } : null }, o);
      else if (format === 'dot') o.out(topologyDot(t.topology));
      else if (format === 'mermaid') o.out(topologyMermaid(t.topology));
      else o.out(topologyText(t.topology, t.drift));
    });

  topo
    .command('save')
    .description('poll the switches and save their LLDP neighbours as the baseline that drift is measured against')
    .option('--baseline <file>', 'where to write it (default: srw-topology.json beside the inventory)')
    .option('--timeout <seconds>', 'how long to wait for the switches to answer', '5')
    .action(async (opts: { baseline?: string; timeout: string }, cmd: Command) => {
      const o = defaultOutput();
      const timeoutS = timeoutOf(opts.timeout);
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      const file = baselinePath(loaded, opts.baseline ?? topo.opts<{ baseline?: string }>().baseline);
      const mon = await pollOnceForTopology(loaded, timeoutS, o);
      const lldp = lldpDevicesOf(loaded);
      const b = baselineOf(mon.devices, lldp, new Date());
      const answered = mon.devices.filter((d) => lldp.has(d.name) && d.status === 'ok').length;
      if (answered === 0 && lldp.size > 0) throw new ExitError(EXIT_FAILURE, `error: no switch with LLDP answered; nothing saved (${file} unchanged)`);
      try {
        writeBaseline(file, b);
      } catch (e) {
        throw new ExitError(EXIT_FAILURE, `error: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      o.out(`saved ${b.links.length} LLDP neighbours of ${answered}/${lldp.size} switches to ${file}\n`);
    });
}
