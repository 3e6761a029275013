// /snmp?target=<inventory name>&module=<list>: a fresh poll and a fresh registry per request,
// answered as snmp_exporter answers — 200 with the device's series and snmp_scrape_* per module,
// or 500 with the reason when the device cannot be scraped, so Prometheus's `up` becomes 0 and
// the usual "SNMP target down" alert fires. Each scrape is bounded: by Prometheus's scrape
// timeout (X-Prometheus-Scrape-Timeout-Seconds less half a second, as snmp_exporter's
// --scrape.timeout-offset), by a ceiling when no header comes, by the client staying connected,
// and by a few scrapes at a time per target.
import { snmpModuleNames, type SnmpModuleName } from '../../infra/inventory/index.js';
import type { SecretsContext } from '../poll/credentials.js';
import { inventoryPath, type PollDevice } from '../poll/device.js';
import { createLimiter, type Limiter } from '../poll/limiter.js';
import { pollOnce, type PollLogger } from '../poll/poll-once.js';
import type { SessionPool } from '../poll/session-pool.js';
import { SnmpError, type SnmpSource } from '../snmp/source.js';
import type { AgentLimits } from '../snmp/walk.js';
import { deviceFamilies } from './device-metrics.js';
import { writeFamilies } from './family.js';
import { ifMibFamilies } from './if-mib-metrics.js';
import { scrapeFamilies } from './scrape-metrics.js';

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type ScrapeBounds = {
  /** Longest a scrape may run without a Prometheus timeout header (default 60 s). */
  maxScrapeMs?: number;
  /** Scrapes of one target running at once (default 2: a Prometheus HA pair). */
  perTarget?: number;
  /** Scrapes of one target waiting for a turn before the next is refused with 503 (default 4). */
  queuePerTarget?: number;
};

export type SnmpEndpointOptions = ScrapeBounds & {
  devices: readonly PollDevice[];
  sessions: SessionPool;
  secrets: SecretsContext;
  logger: PollLogger;
  /** Replace the network (tests, the demo); the source is closed after the scrape. */
  sourceFor?: (device: PollDevice) => SnmpSource;
};

export type Answer = { code: number; body: string; type?: string };

/** snmp_exporter's default --scrape.timeout-offset: time left to send the answer. */
const TIMEOUT_OFFSET_MS = 500;

export function createSnmpEndpoint(opts: SnmpEndpointOptions) {
  const byName = new Map(opts.devices.map((d) => [d.name, d]));
  const limits = new Map<string, AgentLimits>();
  const limiters = new Map<string, Limiter>();
  const perTarget = opts.perTarget ?? 2;
  const queuePerTarget = opts.queuePerTarget ?? 4;
  const maxScrapeMs = opts.maxScrapeMs ?? 60_000;

  const deadlineMs = (header: string | undefined): number => {
    const s = Number(header);
    if (!header || !Number.isFinite(s) || s <= 0) return maxScrapeMs;
    return Math.min(maxScrapeMs, Math.max(100, s * 1000 - TIMEOUT_OFFSET_MS));
  };

  return async (query: URLSearchParams, clientGone: AbortSignal, timeoutHeader?: string): Promise<Answer> => {
    const targets = query.getAll('target');
    if (targets.length !== 1) return { code: 400, body: "'target' parameter must be given once\n" };
    const device = byName.get(targets[0]!);
    // Only inventory names: an arbitrary address would make the exporter a scanner.
    if (!device) return { code: 400, body: `unknown target ${JSON.stringify(targets[0]!.slice(0, 200))}: not a switch or UPS in the inventory\n` };
    const requested = query.getAll('module').flatMap((m) => m.split(',')).filter(Boolean);
    const modules = (requested.length ? [...new Set(requested)] : ['if_mib']) as SnmpModuleName[];
    const bad = modules.filter((m) => !(snmpModuleNames as readonly string[]).includes(m));
    if (bad.length) return { code: 400, body: `unknown module ${bad.map((m) => m.slice(0, 50)).join(', ')} (known: ${snmpModuleNames.join(', ')})\n` };

    let limiter = limiters.get(device.name);
    if (!limiter) limiters.set(device.name, (limiter = createLimiter(perTarget)));
    if (limiter.active >= perTarget && limiter.waiting >= queuePerTarget)
      return { code: 503, body: `too many scrapes of ${device.name} at once (${perTarget} running, ${queuePerTarget} waiting)\n` };

    const ms = deadlineMs(timeoutHeader);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(new SnmpError('cancelled', `scrape cancelled after ${(ms / 1000).toFixed(1)} s (the scrape timeout)`)), ms);
    const onGone = () => ctl.abort(new SnmpError('cancelled', 'scrape cancelled: the HTTP client went away'));
    clientGone.addEventListener('abort', onGone, { once: true });
    try {
      return await limiter.run(() => scrape(device, modules, ctl.signal));
    } finally {
      clearTimeout(timer);
      clientGone.removeEventListener('abort', onGone);
    }
  };

  async function scrape(device: PollDevice, modules: SnmpModuleName[], signal: AbortSignal): Promise<Answer> {
    if (signal.aborted) return failure(device, modules, (signal.reason as Error).message);
    // A test/demo source is used once; real sessions are kept per device (v3 discovery once).
    const oneOff = opts.sourceFor?.(device);
    const pooled = oneOff ? undefined : opts.sessions.get(device);
    const source = oneOff ?? (typeof pooled === 'string' ? undefined : pooled);
    let lim = limits.get(device.name);
    if (!lim) limits.set(device.name, (lim = {}));
    try {
      // Without a source (secret not resolvable) pollOnce reports why, as a failed poll.
      const r = await pollOnce(device, modules, {
        ...(source ? { source } : {}),
        secrets: { ...opts.secrets, path: inventoryPath(device, opts.devices) },
        limits: lim,
        logger: opts.logger,
        signal,
        perModule: true,
      });
      const snap = r.snapshot;
      if (snap.status !== 'ok') {
        // A fresh session next time (fresh USM state) after anything but silence or our own giving up.
        if (snap.status !== 'timeout' && !signal.aborted && !oneOff) opts.sessions.drop(device.name);
        return failure(device, modules, `${snap.status}: ${snap.reason ?? 'no reason given'}`);
      }
      const text = writeFamilies([...scrapeFamilies(r.modules), ...(modules.includes('if_mib') ? ifMibFamilies(() => [snap]) : []), ...deviceFamilies(() => [snap], false)]);
      return { code: 200, body: text, type: CONTENT_TYPE };
    } finally {
      oneOff?.close();
    }
  }
}

/** snmp_exporter's 500: the reason as text (never a credential: reasons name devices, not secrets). */
function failure(device: PollDevice, modules: readonly string[], reason: string): Answer {
  return { code: 500, body: `An error has occurred while serving metrics:\n\nerror scraping target ${device.name} (module ${modules.join(',')}): ${reason}\n` };
}
