// Prometheus configuration for the monitoring host, rendered from the inventory: every switch
// and UPS becomes a multi-target /snmp?target=<name> scrape through the srw exporter (the
// snmp_exporter pattern), and the PBX series come from the exporter's /metrics. Targets live in
// file_sd files, so adding a switch to the inventory changes one snippet in the plan.
// This is the exporter's `--mode snmp` (its default): it polls a device only when Prometheus
// scrapes it, and its /metrics carries no device series, so nothing is polled or stored twice.
// (`--mode metrics` is the other way, with its own job: monitoring/README.md.)
import { stringify } from 'yaml';
import type { Inventory, Switch, Ups } from '../inventory/index.js';

export const FILE_SD_DIR = '/etc/prometheus/file_sd';

export type FileSdGroup = { targets: string[]; labels: Record<string, string> };

export type PrometheusFiles = {
  readonly 'prometheus.yml': string;
  readonly 'srw-snmp.json': string;
  readonly 'srw-pbx.json': string;
};

/** One group per device: its own module list and poll interval travel as target labels. */
export function snmpTargets(inv: Pick<Inventory, 'switches' | 'upses'>): FileSdGroup[] {
  const group = (d: Switch | Ups, kind: 'switch' | 'ups'): FileSdGroup => ({
    targets: [d.name],
    labels: {
      // __param_* labels become URL parameters: /snmp?target=<name>&module=<modules>
      __param_module: d.modules.join(','),
      // Per-target interval from the inventory; the timeout may not exceed it.
      __scrape_interval__: `${d.interval}s`,
      __scrape_timeout__: `${Math.min(d.interval, 10)}s`,
      srw_kind: kind,
      address: d.address,
      model: d.model,
      ...(d.network ? { network: d.network } : {}),
      ...(d.location ? { location: d.location } : {}),
    },
  });
  return [...inv.switches.map((s) => group(s, 'switch')), ...inv.upses.map((u) => group(u, 'ups'))];
}

/** The PBX series are served on the exporter's own /metrics (it holds the AMI session). */
export function pbxTargets(inv: Pick<Inventory, 'pbx'>, exporter: string): FileSdGroup[] {
  if (!inv.pbx) return [];
  return [{ targets: [exporter], labels: { srw_kind: 'pbx', pbx: inv.pbx.host, ami: `${inv.pbx.ami.address}:${inv.pbx.ami.port}` } }];
}

export const RULES_DIR = '/etc/prometheus/rules';

/** One of N Prometheus + exporter pairs: keeps the targets whose Prometheus hashmod of the name is `index`. */
export type ShardOptions = { index: number; count: number; remoteWriteUrl?: string };

/**
 * The hashmod relabeling of a shard: Prometheus hashes the target (the inventory name, before
 * __address__ is pointed at the exporter) exactly as `srw exporter --shard K/N` does, so each pair
 * scrapes and polls the same share (monitoring/shard/hash.ts holds the same function).
 */
export function shardRelabel(shard: ShardOptions): Record<string, unknown>[] {
  if (shard.count <= 1) return [];
  return [
    { source_labels: ['__address__'], modulus: shard.count, target_label: '__tmp_srw_shard', action: 'hashmod' },
    { source_labels: ['__tmp_srw_shard'], regex: String(shard.index), action: 'keep' },
  ];
}

export function renderPrometheusFiles(inv: Inventory, opts: { exporterPort: number; shard?: ShardOptions; alertmanagers?: string[] }): PrometheusFiles {
  const exporter = `127.0.0.1:${opts.exporterPort}`;
  const shard = opts.shard ?? { index: 0, count: 1 };
  const config = {
    global: {
      scrape_interval: '30s',
      evaluation_interval: inv.alerts.evaluationInterval,
      external_labels: { site: inv.site.name, ...(shard.count > 1 ? { shard: `${shard.index}/${shard.count}` } : {}) },
    },
    // The rules srw generates (monitoring/alerts, `srw alerts`); their promtool tests are in tests/.
    rule_files: [`${RULES_DIR}/srw-*.yml`],
    alerting: { alertmanagers: [{ static_configs: [{ targets: opts.alertmanagers ?? ['127.0.0.1:9093'] }] }] },
    ...(shard.remoteWriteUrl ? { remote_write: [{ url: shard.remoteWriteUrl }] } : {}),
    scrape_configs: [
      { job_name: 'prometheus', static_configs: [{ targets: ['localhost:9090'] }] },
      {
        job_name: 'srw-snmp',
        metrics_path: '/snmp',
        file_sd_configs: [{ files: [`${FILE_SD_DIR}/srw-snmp.json`] }],
        relabel_configs: [
          ...shardRelabel(shard),
          { source_labels: ['__address__'], target_label: '__param_target' },
          { source_labels: ['__param_target'], target_label: 'instance' },
          // The alert rules and dashboards select on `device`, as on the exporter's /metrics.
          { source_labels: ['__param_target'], target_label: 'device' },
          { target_label: 'exporter', replacement: exporter },
          { target_label: '__address__', replacement: exporter },
        ],
      },
      {
        job_name: 'srw-pbx',
        metrics_path: '/metrics',
        file_sd_configs: [{ files: [`${FILE_SD_DIR}/srw-pbx.json`] }],
        relabel_configs: [{ target_label: 'exporter', replacement: exporter }],
      },
    ],
  };
  return {
    'prometheus.yml': stringify(config, { lineWidth: 0 }),
    'srw-snmp.json': JSON.stringify(snmpTargets(inv), null, 2) + '\n',
    // Only the first pair's exporter watches the PBX (`srw exporter --no-pbx` on the others).
    'srw-pbx.json': JSON.stringify(shard.index === 0 ? pbxTargets(inv, exporter) : [], null, 2) + '\n',
  };
}
