// The exporter's HTTP side: /metrics (self metrics + the poller's latest snapshot of every
// device + any extra registries the caller adds, e.g. the PBX), /snmp?target=&module= (a fresh
// registry and a fresh poll per request, like snmp_exporter) and /healthz.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import { snmpModuleNames, type SnmpModuleName } from '../../infra/inventory/index.js';
import type { DeviceSnapshot, MonitoringState } from '../model/device.js';
import type { Store } from '../publisher.js';
import type { SecretsContext } from '../poll/credentials.js';
import { inventoryPath, type PollDevice } from '../poll/device.js';
import { pollOnce, silentLogger, type PollLogger } from '../poll/poll-once.js';
import { createSessionPool } from '../poll/session-pool.js';
import type { SnmpSource } from '../snmp/source.js';
import type { AgentLimits } from '../snmp/walk.js';
import { registerDeviceMetrics } from './device-metrics.js';
import { registerIfMib } from './if-mib-metrics.js';
import { authorised, type WebConfig } from './web-config.js';

export type ExporterOptions = {
  devices: readonly PollDevice[];
  /** The poller's store; /metrics shows its latest snapshot of every device. */
  store?: Store<MonitoringState>;
  secrets?: SecretsContext;
  logger?: PollLogger;
  webConfig?: WebConfig;
  /** More registries served on /metrics after srw's own (the PBX metrics, …). */
  extraRegistries?: Registry[];
  /** Called before each /metrics collection, e.g. to refresh state read by extra collectors. */
  onMetrics?: () => void | Promise<void>;
  /**
   * Also serve every device's if_mib series on /metrics (default true). A large fleet should
   * turn it off and scrape /snmp per target: 1000 switches × 50 ports are ~2 million lines.
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

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function createExporter(opts: ExporterOptions): Exporter {
  const log = opts.logger ?? silentLogger;
  const byName = new Map(opts.devices.map((d) => [d.name, d]));
  const limits = new Map<string, AgentLimits>();
  const secrets = opts.secrets ?? { baseDir: process.cwd(), file: 'inventory' };
  const sessions = createSessionPool(opts.devices, secrets);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'srw_exporter_' });
  // prom-client names three gauges *_total, which promtool rightly flags; the lint list in
  // monitoring/README.md should hold only the names kept for snmp_exporter compatibility.
  for (const g of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'])
    registry.removeSingleMetric(`srw_exporter_${g}`);
  const requests = new Counter({
    name: 'srw_exporter_requests_total',
    help: 'HTTP requests answered, by path and status code',
    labelNames: ['path', 'code'],
    registers: [registry],
  });
  const current = (): DeviceSnapshot[] => opts.store?.getSnapshot().devices ?? [];
  registerDeviceMetrics(registry, current, true);
  if (opts.ifMibOnMetrics !== false) registerIfMib(registry, current, 'device');

  const send = (res: ServerResponse, path: string, code: number, body: string, type = 'text/plain; charset=utf-8') => {
    requests.inc({ path, code: String(code) });
    res.writeHead(code, { 'Content-Type': type });
    res.end(body);
  };

  const snmp = async (url: URL, res: ServerResponse) => {
    const targets = url.searchParams.getAll('target');
    if (targets.length !== 1) return send(res, '/snmp', 400, "'target' parameter must be given once\n");
    const device = byName.get(targets[0]!);
    // Only inventory names: an arbitrary address would make the exporter a scanner.
    if (!device) return send(res, '/snmp', 400, `unknown target ${JSON.stringify(targets[0])}: not a switch or UPS in the inventory\n`);
    const requested = url.searchParams.getAll('module').flatMap((m) => m.split(',')).filter(Boolean);
    const modules = (requested.length ? requested : ['if_mib']) as SnmpModuleName[];
    const bad = modules.filter((m) => !(snmpModuleNames as readonly string[]).includes(m));
    if (bad.length) return send(res, '/snmp', 400, `unknown module ${bad.join(', ')} (known: ${snmpModuleNames.join(', ')})\n`);
    // A test/demo source is used once; real sessions are kept per device (v3 discovery once).
    const oneOff = opts.sourceFor?.(device);
    const pooled = oneOff ? undefined : sessions.get(device);
    const source = oneOff ?? (typeof pooled === 'string' ? undefined : pooled);
    let lim = limits.get(device.name);
    if (!lim) limits.set(device.name, (lim = {}));
    try {
      // Without a source (secret not resolvable) pollOnce reports why, as a failed poll.
      const r = await pollOnce(device, modules, {
        ...(source ? { source } : {}),
        secrets: { ...secrets, path: inventoryPath(device, [...opts.devices]) },
        limits: lim,
        logger: log,
      });
      if (r.snapshot.status !== 'ok' && r.snapshot.status !== 'timeout' && !oneOff) sessions.drop(device.name);
      const reg = new Registry();
      const snap = () => [r.snapshot];
      registerIfMib(reg, () => (modules.includes('if_mib') ? snap() : []));
      registerDeviceMetrics(reg, snap, false);
      send(res, '/snmp', 200, await reg.metrics(), CONTENT_TYPE);
    } finally {
      oneOff?.close();
    }
  };

  const metrics = async (res: ServerResponse) => {
    await opts.onMetrics?.();
    const parts = await Promise.all([registry, ...(opts.extraRegistries ?? [])].map((r) => r.metrics()));
    send(res, '/metrics', 200, parts.map((p) => (p.endsWith('\n') || p === '' ? p : `${p}\n`)).join(''), CONTENT_TYPE);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!(await authorised(opts.webConfig ?? {}, req.headers.authorization))) {
      res.setHeader('WWW-Authenticate', 'Basic realm="srw exporter"');
      return send(res, url.pathname, 401, 'unauthorised\n');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, url.pathname, 405, 'method not allowed\n');
    if (url.pathname === '/metrics') return metrics(res);
    if (url.pathname === '/snmp') return snmp(url, res);
    if (url.pathname === '/healthz') return send(res, '/healthz', 200, 'ok\n');
    if (url.pathname === '/')
      return send(res, '/', 200, 'srw exporter: /metrics, /snmp?target=<inventory name>&module=if_mib[,system,entity,lldp,ups], /healthz\n');
    return send(res, 'other', 404, 'not found\n');
  };

  let server: Server | undefined;
  return {
    registry,
    listen(host = '127.0.0.1', port = 9116) {
      const listener = (req: IncomingMessage, res: ServerResponse) =>
        void handle(req, res).catch((e) => {
          log.warn(`exporter: ${req.method} ${new URL(req.url ?? '/', 'http://x').pathname} failed: ${(e as Error).message}`);
          if (!res.headersSent) send(res, 'error', 500, 'internal error\n');
          else res.end();
        });
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
    close() {
      sessions.closeAll();
      return new Promise((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
