// `srw exporter`: serves the inventory's switches and UPSes (and its PBX) to Prometheus.
// Thin adapter: parse flags, wire poller + exporter from monitoring/, log through cli/report.ts.
import type { Command } from 'commander';
import { setFlagsFromString } from 'node:v8';
import { resolveSecret, type LoadedInventory, type Problem } from '../../infra/inventory/index.js';
import { createExporter, createPoller, createStore, devicesOf, loadWebConfig, resolveCredentials, WebConfigError, type PollDevice, type PollLogger, type WebConfig, type MonitoringState } from '../../monitoring/index.js';
import type { Registry } from 'prom-client';
import { loadOrThrow } from '../load-or-exit.js';
import { logPbxConnection, pbxMetricsRegistry, startPbxSource } from '../pbx-source.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, ExitError, printJson, printProblems } from '../report.js';
import { startEventSources, trapOptions, type EventSources } from '../event-sources.js';
import { topologySource } from '../topology-source.js';
import { registerTrapMetrics } from '../../monitoring/traps/index.js';
import { registerTopologyMetrics } from '../../monitoring/topology/index.js';
import { inShard, parseShard } from '../../monitoring/shard/index.js';

/** "127.0.0.1:9116", "[::1]:9116", ":9116" (all addresses, only when asked for). */
export function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(s);
  const port = Number(m?.[3]);
  if (!m || port > 65535) throw new ExitError(EXIT_BAD_INPUT, `--listen: expected HOST:PORT such as 127.0.0.1:9116, found ${JSON.stringify(s)}`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port };
}

/** How device series reach Prometheus; one per deployment (monitoring/README.md, "Two ways to scrape"). */
export type ExporterMode = 'snmp' | 'metrics';

/** Every secret the exporter will use, resolved now: located problems, never values. */
function secretProblems(loaded: LoadedInventory, devices: readonly PollDevice[], pbx: boolean): Problem[] {
  const ctx = { baseDir: loaded.baseDir, file: loaded.file };
  const problems = devices.flatMap((d) => {
    const index = (d.type === 'switch' ? loaded.inventory.switches : loaded.inventory.upses).findIndex((x) => x.name === d.name);
    const r = resolveCredentials(d.snmp, { ...ctx, path: [d.type === 'switch' ? 'switches' : 'upses', index, 'snmp'] });
    return r.ok ? [] : r.problems;
  });
  const p = loaded.inventory.pbx;
  if (pbx && p) {
    const r = resolveSecret(p.ami.monitor.secret, { ...ctx, path: ['pbx', 'ami', 'monitor', 'secret'] });
    if (!r.ok) problems.push(...r.problems);
  }
  return problems.map((x) => ({ ...x, ...loaded.where(x.path) }));
}

type Options = { listen: string; mode: string; webConfig?: string; concurrency: string; metricsIfMib: boolean; pbx: boolean; check?: boolean; json?: boolean; traps?: string | boolean; trapRate?: string; trapEngineId?: string; baseline?: string; shard?: string };

export function registerExporter(program: Command): void {
  program
    .command('exporter')
    .description('serve the inventory\'s switches and UPSes over SNMP (and its PBX) to Prometheus: /snmp?target=&module=, /metrics, /healthz')
    .option('--listen <host:port>', 'address to listen on (loopback unless told otherwise)', '127.0.0.1:9116')
    .option(
      '--mode <snmp|metrics>',
      'snmp: Prometheus scrapes /snmp?target=<name> per device, as with snmp_exporter (no polling in between); metrics: the exporter polls every device at its interval and serves all of them on /metrics (/snmp off)',
      'snmp',
    )
    .option('--web-config <file>', 'TLS and basic auth (Prometheus web-config subset: tls_server_config, basic_auth_users with bcrypt or sha256:<hex> hashes)')
    .option('--concurrency <n>', 'with --mode metrics: devices polled at the same time', '64')
    .option('--no-metrics-if-mib', 'with --mode metrics: leave the per-port if_mib series out of /metrics (status and rates only)')
    .option('--no-pbx', 'do not watch the inventory\'s PBX (no asterisk_* series on /metrics)')
    .option('--traps [host:port]', 'receive SNMP traps and informs from the inventory\'s devices (default 0.0.0.0:162); with --mode metrics a trap re-polls its device at once')
    .option('--trap-rate <n>', 'traps per second accepted from one device (bursts of 5×); more are counted and dropped', '20')
    .option('--trap-engine-id <hex>', 'SNMPv3 engine ID of the receiver, for informs (default: derived from the host name and address)')
    .option('--baseline <file>', 'with --mode metrics: topology baseline for the drift metrics (default: srw-topology.json beside the inventory)')
    .option('--shard <k/n>', 'poll and serve only the devices Prometheus hashmod puts in shard K of N (the same hash as the hashmod relabeling of the generated config)')
    .option('--check', 'only check the inventory, its secrets and the web config, print what would be served, and exit')
    .option('--json', 'with --check: print the plan as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ srw exporter --inventory examples/starachowice.yaml',
        "  $ curl 'http://127.0.0.1:9116/snmp?target=core-1&module=if_mib'",
        '  $ srw exporter --mode metrics --listen 10.10.0.5:9116 --web-config web.yml',
        '  $ srw exporter --mode metrics --traps :1162   # traps too; srw_snmp_traps_* and srw_topology_* on /metrics',
        '  $ srw exporter --shard 0/2                    # one of two exporter + Prometheus pairs',
        '  $ srw exporter --check --json',
      ].join('\n'),
    )
    .action(async (opts: Options, cmd: Command) => {
      const o = defaultOutput();
      const listen = parseListen(opts.listen);
      if (opts.mode !== 'snmp' && opts.mode !== 'metrics') throw new ExitError(EXIT_BAD_INPUT, `--mode: expected snmp or metrics, found ${JSON.stringify(opts.mode)}`);
      const mode: ExporterMode = opts.mode;
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new ExitError(EXIT_BAD_INPUT, `--concurrency: expected a positive whole number, found ${opts.concurrency}`);
      const loaded = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      let webConfig: WebConfig = {};
      if (opts.webConfig) {
        try {
          webConfig = loadWebConfig(opts.webConfig);
        } catch (e) {
          if (e instanceof WebConfigError) throw new ExitError(EXIT_BAD_INPUT, `error: ${e.message}`);
          throw e;
        }
      }
      const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
      if (opts.shard !== undefined && !shard) throw new ExitError(EXIT_BAD_INPUT, `--shard: expected K/N with 0 <= K < N, such as 0/2, found ${JSON.stringify(opts.shard)}`);
      const devices = shard ? inShard(devicesOf(loaded.inventory), shard) : devicesOf(loaded.inventory);
      const traps = trapOptions(opts);
      if (opts.check) {
        // A secret that does not resolve would only show up as a failed scrape later: say it now.
        const problems = secretProblems(loaded, devices, opts.pbx);
        const errors = problems.filter((p) => p.severity !== 'warning');
        if (problems.length > 0) printProblems(problems, o, opts.json);
        if (errors.length > 0) throw new ExitError(EXIT_BAD_INPUT, `${loaded.file}: ${errors.length} secret reference${errors.length === 1 ? '' : 's'} the exporter needs cannot be resolved`);
        const plan = {
          listen: `${listen.host}:${listen.port}`,
          mode,
          ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}),
          tls: Boolean(webConfig.tls),
          basicAuthUsers: webConfig.users?.size ?? 0,
          devices: devices.map((d) => ({ name: d.name, type: d.type, address: d.address, version: d.snmp.version, interval: d.interval ?? 30, modules: d.modules })),
          traps: traps ? `${traps.host}:${traps.port}` : null,
          pbx: opts.pbx && loaded.inventory.pbx ? { ami: `${loaded.inventory.pbx.ami.address}:${loaded.inventory.pbx.ami.port}`, user: loaded.inventory.pbx.ami.monitor.user, mode: loaded.inventory.pbx.ami.mode } : null,
        };
        if (opts.json) printJson(plan, o);
        else
          o.out(
            `would serve ${plan.tls ? 'https' : 'http'}://${plan.listen} in ${mode} mode for ${devices.length} devices: ${devices.map((d) => d.name).join(', ')}\n`,
          );
        throw new ExitError(EXIT_OK);
      }
      // A long-running service that mostly waits on UDP: let V8 keep the heap small (it reads
      // this flag at every GC, so setting it now works). 10 switches scraped every 5 s: median
      // RSS 112 → 81 MB, private memory 69 → 38 MB, CPU about the same (test/bench/exporter-memory.ts).
      setFlagsFromString('--optimize-for-size');
      const stamp = () => new Date().toISOString();
      const logger: PollLogger = {
        info: (m) => o.err(`${stamp()} info ${m}\n`),
        warn: (m) => o.err(`${stamp()} warn ${m}\n`),
      };
      const secrets = { baseDir: loaded.baseDir, file: loaded.file };
      // One way per deployment: a poller only where /metrics carries the devices, so no switch
      // is polled twice per interval and no series is stored twice.
      const poller = mode === 'metrics' ? createPoller(devices, { secrets, logger, concurrency }) : undefined;
      // The PBX series (res_prometheus names) share /metrics with the SNMP ones; monitoring/
      // never imports voip/, so the two meet here.
      const pbx = opts.pbx ? startPbxSource(loaded, true) : undefined;
      const extraRegistries: Registry[] = pbx ? [pbxMetricsRegistry(pbx)] : [];
      let quietPbxLog = () => {};
      if (pbx) {
        void pbx.ready.then(() => {
          const s = pbx.store.getSnapshot();
          if (s.connection === 'connected') logger.info(`PBX ${loaded.inventory.pbx?.ami.address}: AMI connected (${s.mode} mode)`);
          else logger.warn(`PBX ${loaded.inventory.pbx?.ami.address}: AMI ${s.connection}${s.lastError ? `: ${s.lastError}` : ''}`);
        });
        quietPbxLog = logPbxConnection(pbx, loaded.inventory.pbx!.ami.address, logger);
      }
      const exporter = createExporter({
        devices,
        ...(poller ? { store: poller.store } : {}),
        snmp: mode === 'snmp',
        secrets,
        logger,
        webConfig,
        buildInfo: { version: cmd.parent?.version() ?? 'unknown' },
        ifMibOnMetrics: opts.metricsIfMib,
        extraRegistries,
      });
      // Traps, topology drift and their counters. With --mode metrics a trap re-polls the device it
      // came from and drift follows the poller's LLDP data; in snmp mode nothing is polled between
      // scrapes, so traps are received and counted but nothing re-polls, and there is no drift.
      const monitoring = poller?.store ?? createStore<MonitoringState>({ devices: [], updatedAt: Date.now() });
      const topology = topologySource(loaded, monitoring, opts.baseline);
      if (poller) registerTopologyMetrics(exporter.registry, topology.getSnapshot);
      let events: EventSources;
      try {
        events = await startEventSources({ loaded, monitoring, repoll: (d) => (poller ? poller.repoll(d) : Promise.resolve()), topology, ...(traps ? { traps } : {}), logger });
      } catch (e) {
        topology.stop();
        await Promise.allSettled([pbx?.stop()]);
        throw e;
      }
      const receiver = events.traps;
      if (receiver) {
        registerTrapMetrics(exporter.registry, () => receiver.stats);
        logger.info(`traps on udp ${traps?.host}:${traps?.port}, SNMPv3 engine ID 0x${receiver.engine?.engineId.toString('hex')} (boots ${receiver.engine?.boots})`);
      }
      let bound: { host: string; port: number };
      try {
        bound = await exporter.listen(listen.host, listen.port);
      } catch (e) {
        topology.stop();
        await Promise.allSettled([events.stop(), pbx?.stop()]);
        throw new ExitError(EXIT_FAILURE, `error: cannot listen on ${opts.listen}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      poller?.start();
      const url = `${webConfig.tls ? 'https' : 'http'}://${bound.host}:${bound.port}`;
      o.err(
        mode === 'snmp'
          ? `${stamp()} info srw exporter on ${url}, ${devices.length} devices via /snmp?target=<name> (no polling between scrapes; /metrics: the exporter itself${pbx ? ' and the PBX' : ''})\n`
          : `${stamp()} info srw exporter on ${url}/metrics, polling ${devices.length} devices (/snmp is off in metrics mode)\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      topology.stop();
      // Our own logoff is no lost connection: not a warning on every clean stop.
      quietPbxLog();
      await Promise.allSettled([poller?.stop(), pbx?.stop(), events.stop()]);
      await exporter.close();
    });
}
