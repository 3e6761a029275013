// Metric families computed at collect time from plain samples, and the text they make.
//
// The device series (if_mib, srw_*, snmp_scrape_*) are written here rather than by
// prom-client: its formatter builds a label object, an entries array and an escaped string per
// sample, which for one 48-port if_mib scrape allocated ~27 bytes per byte of output (most of
// what an exporter scraping 10 switches churned through; test/bench/exporter-memory.ts). Here a
// row's labels are escaped once and shared by all of its ~40 columns, and families without
// samples are left out, as snmp_exporter leaves them out. prom-client keeps the exporter's own
// series (process_*, nodejs_*, counters) and extra registries such as the PBX.
import type { Registry } from 'prom-client';

export type FamilyType = 'gauge' | 'counter';
export type Sample = { labels: Record<string, string>; value: number };
/** A sample whose labels are already text (`a="x",b="y"`, see renderLabels), shareable across families. */
export type RenderedSample = { labels: string; value: number };
export type Family = { name: string; help: string; type: FamilyType; samples(): Iterable<RenderedSample> };

const escapeHelp = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
/** The text format's escapes (backslash, double quote, line feed), as prom-client writes them. */
export const escapeLabelValue = (s: string) => (/[\\"\n]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : s);

export function renderLabels(labels: Record<string, string>): string {
  let out = '';
  for (const k in labels) out += `${out ? ',' : ''}${k}="${escapeLabelValue(labels[k]!)}"`;
  return out;
}

/** Values as prom-client writes them, except NaN, which it spells "Nan". */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** The exposition text (format 0.0.4) of `families`, in order; empty families are left out. */
export function writeFamilies(families: Iterable<Family>): string {
  const out: string[] = [];
  for (const f of families) {
    let header = false;
    for (const s of f.samples()) {
      if (!header) {
        out.push(`# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`);
        header = true;
      }
      out.push(s.labels ? `${f.name}{${s.labels}} ${formatValue(s.value)}\n` : `${f.name} ${formatValue(s.value)}\n`);
    }
  }
  return out.join('');
}

/** A family whose samples carry label objects. */
export function family(name: string, help: string, type: FamilyType, collect: () => Sample[]): Family {
  return {
    name,
    help,
    type,
    *samples() {
      for (const s of collect()) yield { labels: renderLabels(s.labels), value: s.value };
    },
  };
}

/**
 * The same family inside a prom-client Registry (for code that serves a registry). prom-client's
 * Gauge/Counter would invent a 0 sample for a label-less series without a value and hash labels
 * per set(); Registry.registerMetric accepts any object with get(), which is all a family needs.
 */
export function registerFamily(registry: Registry, name: string, help: string, type: FamilyType, collect: () => Sample[]): void {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: collect() }),
    reset() {},
  };
  registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
}
