// The whole run: addresses in the order given, at most `concurrency` probed at once, each within
// its own time and all within the run's. Results come back in address order whatever order they
// finish in; `onResult` sees each as it finishes (progress on a terminal). Addresses the run had
// no time left for are reported as cancelled, never silently left out.
import type { Inventory } from '../../infra/inventory/index.js';
import { probeAddress, type ProbeOptions, type ProbeResult, type ResolvedCandidate } from './probe.js';

export type ScanOptions = ProbeOptions & {
  /** Addresses probed at once. */
  concurrency: number;
  /** Longest one address may take: the credential race and the identification together. */
  deviceTimeoutMs: number;
  /** Longest the whole run may take. */
  totalTimeoutMs: number;
};

export const SCAN_DEFAULTS = { port: 161, timeoutMs: 1000, retries: 1, concurrency: 128, deviceTimeoutMs: 30_000, totalTimeoutMs: 3_600_000 } as const satisfies ScanOptions;

/** An inventory entry already at this address (and port). */
export type Known = { path: (string | number)[]; name: string };

export type ScanResult = ProbeResult & { known?: Known };

export type ScanReport = { results: ScanResult[]; ms: number; timedOut: boolean };

export function knownDevices(inv: Pick<Inventory, 'switches' | 'upses'>, port: number): Map<string, Known> {
  const out = new Map<string, Known>();
  const add = (list: 'switches' | 'upses') =>
    inv[list].forEach((d, i) => {
      if (d.snmp.port === port && !out.has(d.address)) out.set(d.address, { path: [list, i], name: d.name });
    });
  add('switches');
  add('upses');
  return out;
}

export async function scan(addresses: readonly string[], candidates: readonly ResolvedCandidate[], known: ReadonlyMap<string, Known>, opts: ScanOptions, onResult?: (r: ScanResult) => void): Promise<ScanReport> {
  const started = Date.now();
  const total = new AbortController();
  const totalTimer = setTimeout(() => total.abort(), opts.totalTimeoutMs);
  const results: ScanResult[] = new Array(addresses.length);
  let next = 0;
  const worker = async () => {
    while (next < addresses.length) {
      const i = next++;
      const address = addresses[i]!;
      // A timer of our own, not AbortSignal.timeout(): AbortSignal.any() holds its sources
      // weakly, and a collected timeout signal never fires (the address then ran to its SNMP
      // timeout instead of being cancelled at --device-timeout).
      const device = new AbortController();
      const deviceTimer = setTimeout(() => device.abort(), opts.deviceTimeoutMs);
      const signal = AbortSignal.any([total.signal, device.signal]);
      const r = await probeAddress(address, candidates, opts, signal).finally(() => clearTimeout(deviceTimer));
      const k = known.get(address);
      results[i] = k ? { ...r, known: k } : r;
      onResult?.(results[i]!);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, addresses.length)) }, worker));
  } finally {
    clearTimeout(totalTimer);
  }
  return { results, ms: Date.now() - started, timedOut: total.signal.aborted };
}
