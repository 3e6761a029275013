// `srw exporter`: polls every switch and UPS of the inventory and serves Prometheus metrics.
// Thin adapter: parse flags, wire poller + exporter from monitoring/, log through redact().
import type { Command } from 'commander';
import { createExporter, createPoller, devicesOf, loadWebConfig, WebConfigError, type PollLogger, type WebConfig } from '../../monitoring/index.js';
import type { Registry } from 'prom-client';
import { loadOrThrow } from '../load-or-exit.js';
import { logPbxConnection, pbxMetricsRegistry, startPbxSource } from '../pbx-source.js';
import { defaultOutput, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, ExitError, printJson } from '../report.js';

/** "127.0.0.1:9116", "[::1]:9116", ":9116" (all addresses, only when asked for). */
export function parseListen(s: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(s);
  const port = Number(m?.[3]);
  if (!m || port > 65535) throw new ExitError(EXIT_BAD_INPUT, `--listen: expected HOST:PORT such as 127.0.0.1:9116, found ${JSON.stringify(s)}`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port };
}

export function registerExporter(program: Command): void {
  program
    .command('exporter')
    .description('poll the inventory\'s switches and UPSes over SNMP and serve /metrics, /snmp?target=&module= and /healthz for Prometheus')
    .option('--listen <host:port>', 'address to listen on (loopback unless told otherwise)', '127.0.0.1:9116')
    .option('--web-config <file>', 'TLS and basic auth (Prometheus web-config subset: tls_server_config, basic_auth_users with bcrypt or sha256:<hex> hashes)')
    .option('--concurrency <n>', 'devices polled at the same time', '64')
    .option('--no-metrics-if-mib', 'leave the per-port if_mib series out of /metrics (large fleets: scrape /snmp per target instead)')
    .option('--no-pbx', 'do not watch the inventory\'s PBX (no asterisk_* series on /metrics)')
    .option('--check', 'only check the inventory and web config, print what would be served, and exit')
    .option('--json', 'with --check: print the plan as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ srw exporter --inventory examples/starachowice.yaml',
        '  $ srw exporter --listen 10.10.0.5:9116 --web-config web.yml',
        "  $ curl 'http://127.0.0.1:9116/snmp?target=core-1&module=if_mib'",
        '  $ srw exporter --check --json',
      ].join('\n'),
    )
    .action(async (opts: { listen: string; webConfig?: string; concurrency: string; metricsIfMib: boolean; pbx: boolean; check?: boolean; json?: boolean }, cmd: Command) => {
      const o = defaultOutput();
      const listen = parseListen(opts.listen);
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
      const devices = devicesOf(loaded.inventory);
      if (opts.check) {
        const plan = {
          listen: `${listen.host}:${listen.port}`,
          tls: Boolean(webConfig.tls),
          basicAuthUsers: webConfig.users?.size ?? 0,
          devices: devices.map((d) => ({ name: d.name, type: d.type, address: d.address, version: d.snmp.version, interval: d.interval ?? 30, modules: d.modules })),
          pbx: opts.pbx && loaded.inventory.pbx ? { ami: `${loaded.inventory.pbx.ami.address}:${loaded.inventory.pbx.ami.port}`, user: loaded.inventory.pbx.ami.monitor.user, mode: loaded.inventory.pbx.ami.mode } : null,
        };
        if (opts.json) printJson(plan, o);
        else o.out(`would serve ${plan.tls ? 'https' : 'http'}://${plan.listen} for ${devices.length} devices: ${devices.map((d) => d.name).join(', ')}\n`);
        throw new ExitError(EXIT_OK);
      }
      const stamp = () => new Date().toISOString();
      const logger: PollLogger = {
        info: (m) => o.err(`${stamp()} info ${m}\n`),
        warn: (m) => o.err(`${stamp()} warn ${m}\n`),
      };
      const secrets = { baseDir: loaded.baseDir, file: loaded.file };
      const poller = createPoller(devices, { secrets, logger, concurrency });
      // The PBX series (res_prometheus names) share /metrics with the SNMP ones; monitoring/
      // never imports voip/, so the two meet here.
      const pbx = opts.pbx ? startPbxSource(loaded, true) : undefined;
      const extraRegistries: Registry[] = pbx ? [pbxMetricsRegistry(pbx)] : [];
      if (pbx) {
        void pbx.ready.then(() => {
          const s = pbx.store.getSnapshot();
          if (s.connection === 'connected') logger.info(`PBX ${loaded.inventory.pbx?.ami.address}: AMI connected (${s.mode} mode)`);
          else logger.warn(`PBX ${loaded.inventory.pbx?.ami.address}: AMI ${s.connection}${s.lastError ? `: ${s.lastError}` : ''}`);
        });
        logPbxConnection(pbx, loaded.inventory.pbx!.ami.address, logger);
      }
      const exporter = createExporter({ devices, store: poller.store, secrets, logger, webConfig, ifMibOnMetrics: opts.metricsIfMib, extraRegistries });
      let bound: { host: string; port: number };
      try {
        bound = await exporter.listen(listen.host, listen.port);
      } catch (e) {
        throw new ExitError(EXIT_FAILURE, `error: cannot listen on ${opts.listen}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      poller.start();
      o.err(`${stamp()} info srw exporter on ${webConfig.tls ? 'https' : 'http'}://${bound.host}:${bound.port}/metrics, ${devices.length} devices\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await Promise.allSettled([poller.stop(), pbx?.stop()]);
      await exporter.close();
    });
}
