// Prometheus answers where the inventory puts it: the monitoring host, port 9090 (or the URL
// given with --prometheus).
import type { LoadedInventory } from '../../infra/inventory/index.js';
import { elapsed, type CheckResult } from './check.js';

export function prometheusUrl(loaded: LoadedInventory): string | undefined {
  const host = loaded.inventory.hosts.find((h) => h.role === 'monitoring' && h.name !== loaded.inventory.pbx?.host);
  const address = host?.nics[0]?.address;
  return address ? `http://${address}:9090` : undefined;
}

export async function checkPrometheus(url: string | undefined, timeoutMs = 5000): Promise<CheckResult> {
  if (!url) return { check: 'prometheus', status: 'skip', detail: 'no monitoring host in the inventory and no --prometheus URL' };
  const ready = `${url.replace(/\/$/, '')}/-/ready`;
  const start = performance.now();
  try {
    const res = await fetch(ready, { signal: AbortSignal.timeout(timeoutMs) });
    const ms = elapsed(start);
    if (res.ok) return { check: 'prometheus', target: url, status: 'ok', detail: `${ready} answered ${res.status} in ${ms} ms`, ms };
    return { check: 'prometheus', target: url, status: 'fail', detail: `${ready} answered ${res.status}`, fix: 'Prometheus runs but is not ready: see its log (journalctl -u prometheus)', ms };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    return { check: 'prometheus', target: url, status: 'fail', detail: `${ready}: ${cause}`, fix: 'start Prometheus on the monitoring host (systemctl status prometheus), or give --prometheus URL', ms: elapsed(start) };
  }
}
