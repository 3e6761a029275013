// The exporter's HTTP side: /snmp?target=&module= (a fresh poll and registry per request, like
// snmp_exporter: snmp-endpoint.ts), /metrics (the exporter's own series, the poller's latest
// snapshot of every device when a poller runs, and any extra registries such as the PBX), and
// /healthz. One deployment uses one of the two ways to get device series into Prometheus, never
// both (monitoring/README.md, "Two ways to scrape"): `snmp: false` turns /snmp off.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import type { DeviceSnapshot, MonitoringState } from '../model/device.js';
import type { Store } from '../publisher.js';
import type { SecretsContext } from '../poll/credentials.js';
import type { PollDevice } from '../poll/device.js';
import { silentLogger, type PollLogger } from '../poll/poll-once.js';
import { createSessionPool } from '../poll/session-pool.js';
import type { SnmpSource } from '../snmp/source.js';
import { SnmpError } from '../snmp/source.js';
import { withoutControlCharacters } from './control-characters.js';
import { deviceFamilies } from './device-metrics.js';
import { writeFamilies } from './family.js';
import { ifMibFamilies } from './if-mib-metrics.js';
import { parseRequestTarget, type Route } from './request-target.js';
import { registerSelfMetrics, type BuildInfo } from './self-metrics.js';
import { CONTENT_TYPE, createSnmpEndpoint, type ScrapeBounds } from './snmp-endpoint.js';
import { createAuthenticator, type WebConfig } from './web-config.js';

export type ExporterOptions = ScrapeBounds & {
  devices: readonly PollDevice[];
  /** The poller's store; /metrics then shows its latest snapshot of every device. */
  store?: Store<MonitoringState>;
  /** Serve /snmp (default true). Off where a poller feeds /metrics: one way per deployment. */
  snmp?: boolean;
  secrets?: SecretsContext;
  logger?: PollLogger;
  webConfig?: WebConfig;
  /** What srw_exporter_build_info reports. */
  buildInfo?: BuildInfo;
  /** More registries served on /metrics after srw's own (the PBX metrics, …). */
  extraRegistries?: Registry[];
  /** Called before each /metrics collection, e.g. to refresh state read by extra collectors. */
  onMetrics?: () => void | Promise<void>;
  /**
   * With a store: also serve every device's if_mib series on /metrics (default true); off keeps
   * /metrics to the status series and rates.
   */
  ifMibOnMetrics?: boolean;
  /** Replace the network for /snmp (tests, the demo). The exporter closes the source after use. */
  sourceFor?: (device: PollDevice) => SnmpSource;
};

export type Exporter = {
  /** Starts listening; resolves with the bound address (port 0 → an ephemeral port). */
  listen(host?: string, port?: number): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
  /** The /metrics registry, so callers can register more collectors into it directly. */
  registry: Registry;
};

const HOME = 'srw exporter: /metrics, /snmp?target=<inventory name>&module=if_mib[,system,entity,lldp,ups], /healthz\n';

export function createExporter(opts: ExporterOptions): Exporter {
  const log = opts.logger ?? silentLogger;
  const secrets = opts.secrets ?? { baseDir: process.cwd(), file: 'inventory' };
  const sessions = createSessionPool(opts.devices, secrets);
  const auth = createAuthenticator(opts.webConfig ?? {});
  const registry = new Registry();
  const self = registerSelfMetrics(registry, opts.buildInfo ?? { version: 'unknown' });
  const current = (): DeviceSnapshot[] => opts.store?.getSnapshot().devices ?? [];
  const deviceSeries = opts.store ? [...deviceFamilies(current, true), ...(opts.ifMibOnMetrics !== false ? ifMibFamilies(current, 'device') : [])] : [];
  const snmp = createSnmpEndpoint({ ...opts, sessions, secrets, logger: log });

  const send = (res: ServerResponse, route: Route, code: number, body: string, type = 'text/plain; charset=utf-8') => {
    self.request(route, code);
    if (res.headersSent || res.destroyed) return void res.end();
    res.writeHead(code, { 'Content-Type': type });
    res.end(type === CONTENT_TYPE ? withoutControlCharacters(body) : body);
  };

  const metrics = async (res: ServerResponse) => {
    await opts.onMetrics?.();
    const own = await registry.metrics();
    const extra = await Promise.all((opts.extraRegistries ?? []).map((r) => r.metrics()));
    const parts = [own, writeFamilies(deviceSeries), ...extra];
    send(res, '/metrics', 200, parts.map((p) => (p.endsWith('\n') || p === '' ? p : `${p}\n`)).join(''), CONTENT_TYPE);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, route: Route, query: URLSearchParams) => {
    const verdict = await auth.check(req.headers.authorization);
    if (verdict === 'busy') return send(res, route, 429, 'too many authentication attempts in progress; try again\n');
    if (verdict !== 'ok') {
      res.setHeader('WWW-Authenticate', 'Basic realm="srw exporter"');
      return send(res, route, 401, 'unauthorised\n');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, route, 405, 'method not allowed\n');
    if (route === '/metrics') return metrics(res);
    if (route === '/healthz') return send(res, route, 200, 'ok\n');
    if (route === '/') return send(res, route, 200, HOME);
    if (route === '/snmp') {
      if (opts.snmp === false)
        return send(res, route, 404, 'not found: this exporter polls every device itself and serves them on /metrics (srw exporter --mode metrics)\n');
      // snmp_exporter stops a scrape whose client went away; so does srw (issue 12: abandoned
      // scrapes of an endless table used to keep running and stack up).
      const gone = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) gone.abort(new SnmpError('cancelled', 'the HTTP client went away'));
      });
      const timeout = req.headers['x-prometheus-scrape-timeout-seconds'];
      const a = await snmp(query, gone.signal, Array.isArray(timeout) ? timeout[0] : timeout);
      return send(res, route, a.code, a.body, a.type);
    }
    return send(res, route, 404, 'not found\n');
  };

  let server: Server | undefined;
  return {
    registry,
    listen(host = '127.0.0.1', port = 9116) {
      const listener = (req: IncomingMessage, res: ServerResponse) => {
        // Parsed once, without new URL(): a malformed target must not throw here or in the catch.
        const { route, query } = parseRequestTarget(req.url);
        void handle(req, res, route, query).catch((e) => {
          log.warn(`exporter: ${route} failed: ${(e as Error)?.message ?? String(e)}`);
          send(res, route, 500, 'internal error\n');
        });
      };
      const tls = opts.webConfig?.tls;
      server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, listener) : createHttpServer(listener);
      return new Promise((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => {
          const a = server!.address() as AddressInfo;
          resolve({ host: a.address, port: a.port });
        });
      });
    },
    async close() {
      sessions.closeAll();
      await auth.close();
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
