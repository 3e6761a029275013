// A metric family computed at collect time from plain samples. prom-client's Gauge/Counter
// invent a 0 sample for a label-less series that has no value (snmp_exporter would send none,
// e.g. ifNumber on an agent without it) and hash labels per set() — thousands per scrape
// here; Registry.registerMetric accepts any object with get(), which is all a family needs.
import type { Registry } from 'prom-client';

export type Sample = { labels: Record<string, string>; value: number };

export function registerFamily(registry: Registry, name: string, help: string, type: 'gauge' | 'counter', collect: () => Sample[]): void {
  const family = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: collect() }),
    reset() {},
  };
  registry.registerMetric(family as unknown as Parameters<Registry['registerMetric']>[0]);
}
