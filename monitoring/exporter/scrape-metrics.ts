// snmp_exporter's per-scrape series on /snmp, with its names, help texts and types, so that
// dashboards and mixins that pick jobs and instances with `snmp_scrape_duration_seconds` work
// unchanged. snmp_exporter 0.21 (Debian 12) sends them without labels; since 0.24 each carries
// the `module` it describes, and a scrape of several modules sends one set per module. srw
// follows the newer form: one more label does not break a selector written for 0.21.
import type { ModuleScrape } from '../poll/poll-once.js';
import { family, type Family } from './family.js';

const families: { name: string; help: string; value: (m: ModuleScrape) => number }[] = [
  { name: 'snmp_scrape_walk_duration_seconds', help: 'Time SNMP walk/bulkwalk took.', value: (m) => m.walkMs / 1000 },
  { name: 'snmp_scrape_packets_sent', help: 'Packets sent for get, bulkget, and walk; including retries.', value: (m) => m.pdusSent },
  { name: 'snmp_scrape_packets_retried', help: 'Packets retried for get, bulkget, and walk.', value: (m) => m.pdusRetried },
  { name: 'snmp_scrape_pdus_returned', help: 'PDUs returned from get, bulkget, and walk.', value: (m) => m.pdusReturned },
  { name: 'snmp_scrape_duration_seconds', help: 'Total SNMP time scrape took (walk and processing).', value: (m) => m.durationMs / 1000 },
];

export function scrapeFamilies(modules: readonly ModuleScrape[]): Family[] {
  return families.map((f) => family(f.name, f.help, 'gauge', () => modules.map((m) => ({ labels: { module: m.module }, value: f.value(m) }))));
}
