// The monitoring guest: Prometheus plus the srw exporter, scraping every switch, UPS and the
// PBX of the inventory through file_sd target files (see prometheus-config.ts). srw itself comes
// as its npm package (the tarball `npm pack` makes; the package is not on the public registry):
// Terraform reads it from the path in a variable at plan time and the first boot installs it and
// runs the exporter through the unit srw ships (packaging/systemd/srw-exporter.service).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Construct, type ITerraformDependable } from '../proxmox/cdk.js';
import { secretUses, type Host, type Inventory } from '../inventory/index.js';
import { packageRoot } from '../package-root.js';
import { checkProps, type PropsRule } from './props-rules.js';
import type { GuestSite } from './guest-site.js';
import { ProvisionedGuest } from './provisioned-guest.js';
import { FILE_SD_DIR, RULES_DIR, type PrometheusFiles } from './prometheus-config.js';
import { fileBase64Marker } from './terraform-string.js';

export const EXPORTER_UNIT = 'srw-exporter.service';
/** Where the guest keeps the package it installed from. */
export const SRW_PACKAGE_ON_GUEST = '/var/lib/srw/serwerownia.tgz';

export interface MonitoringHostProps {
  readonly host: Host;
  readonly site: GuestSite;
  /** Rendered by renderPrometheusFiles(). */
  readonly prometheus: PrometheusFiles;
  /** The inventory as YAML for the exporter (secret references only, never values). */
  readonly inventoryYaml: string;
  /** The exporter's secrets are listed (names, never values) in /etc/srw/srw.env.example. */
  readonly inventory: Inventory;
  /**
   * Name of the Terraform variable that holds the path of the srw package (serwerownia-X.Y.Z.tgz)
   * on the machine that runs terraform; its bytes go to the guest, which installs exactly that.
   */
  readonly srwPackageVariable: string;
  /** @default 9116 — the port the monitoring role opens to mgmt in the example inventory. */
  readonly exporterPort?: number;
  readonly imageFileId?: string;
  /** @default none */
  readonly after?: readonly ITerraformDependable[];
  /** @default none */
  readonly timezone?: string;
  /** Rule files by relative path (srw-<group>.yml, tests/…test.yml), written under /etc/prometheus/rules. @default none */
  readonly rules?: Readonly<Record<string, string>>;
  /** Alertmanager configuration; the host then runs Debian's prometheus-alertmanager. @default none */
  readonly alertmanager?: string;
  /** Grafana dashboards by file name, written to /etc/srw/dashboards for provisioning or import. @default none */
  readonly dashboards?: Readonly<Record<string, string>>;
  /** This host's share of the devices: `srw exporter --shard K/N`. @default the whole inventory */
  readonly shard?: { readonly index: number; readonly count: number };
  /** This Prometheus accepts the other shards' remote write (the global view). @default false */
  readonly remoteWriteReceiver?: boolean;
}

const rules: readonly PropsRule<MonitoringHostProps>[] = [
  { when: (p) => !p.prometheus['prometheus.yml'].includes('srw-snmp'), message: () => 'prometheus.yml has no srw-snmp job; render it with renderPrometheusFiles()' },
  { when: (p) => (p.exporterPort ?? 9116) < 1 || (p.exporterPort ?? 9116) > 65535, message: (p) => `exporter port ${p.exporterPort} is not a TCP port` },
];

export class MonitoringHost extends Construct {
  readonly guest: ProvisionedGuest;

  constructor(scope: Construct, id: string, props: MonitoringHostProps) {
    super(scope, id);
    checkProps('MonitoringHost', props, rules);
    const port = props.exporterPort ?? 9116;
    this.guest = new ProvisionedGuest(this, 'guest', {
      host: props.host,
      site: props.site,
      files: [
        { path: '/etc/prometheus/prometheus.yml', content: props.prometheus['prometheus.yml'] },
        { path: `${FILE_SD_DIR}/srw-snmp.json`, content: props.prometheus['srw-snmp.json'] },
        { path: `${FILE_SD_DIR}/srw-pbx.json`, content: props.prometheus['srw-pbx.json'] },
        { path: '/etc/srw/inventory.yaml', content: props.inventoryYaml },
        { path: '/etc/srw/srw.env.example', content: exporterEnvExample(props.inventory) },
        { path: `/etc/systemd/system/${EXPORTER_UNIT}`, content: exporterUnit() },
        { path: `/etc/systemd/system/${EXPORTER_UNIT}.d/monitoring-host.conf`, content: exporterDropIn(port, props.shard) },
        { path: SRW_PACKAGE_ON_GUEST, content: fileBase64Marker(props.srwPackageVariable), encoding: 'b64', permissions: '0600' },
        ...Object.entries(props.rules ?? {}).map(([name, content]) => ({ path: `${RULES_DIR}/${name}`, content })),
        ...(props.alertmanager ? [{ path: '/etc/prometheus/alertmanager.yml', content: props.alertmanager }] : []),
        ...Object.entries(props.dashboards ?? {}).map(([name, content]) => ({ path: `/etc/srw/dashboards/${name}`, content })),
        // Debian's unit passes $ARGS: the global view takes the other shards' remote write.
        ...(props.remoteWriteReceiver ? [{ path: '/etc/default/prometheus', content: 'ARGS="--web.enable-remote-write-receiver"\n' }] : []),
      ],
      // srw needs Node 20.10 or later: Debian 13's nodejs (Debian 12 has 18).
      packages: ['prometheus', ...(props.alertmanager ? ['prometheus-alertmanager'] : []), 'nodejs', 'npm'],
      commands: [
        'id srw >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin srw',
        // The secrets stay the admin's: created empty once, never overwritten by a later boot.
        '[ -e /etc/srw/srw.env ] || install -m 0600 -o root -g root /dev/null /etc/srw/srw.env',
        `npm install --global --omit=dev --no-audit --no-fund ${SRW_PACKAGE_ON_GUEST}`,
        'systemctl daemon-reload',
        `systemctl enable --now ${EXPORTER_UNIT}`,
        'systemctl restart prometheus',
        ...(props.alertmanager ? ['systemctl restart prometheus-alertmanager'] : []),
      ],
      imageFileId: props.imageFileId,
      after: props.after,
      timezone: props.timezone,
    });
  }
}

/** The systemd unit srw ships for `srw exporter` (packaging/systemd/), as the guest gets it. */
export function exporterUnit(): string {
  return readFileSync(join(packageRoot(), 'packaging/systemd', EXPORTER_UNIT), 'utf8');
}

/**
 * The monitoring host's address for the exporter (every interface: the firewall keeps it to mgmt)
 * and, when the devices are split over several hosts, this host's share of them. The shipped unit
 * stays untouched: a drop-in is how systemd expects a site to change a packaged service.
 */
export function exporterDropIn(port: number, shard?: { readonly index: number; readonly count: number }): string {
  const lines = ['# Written by srw synth (monitoring stack).', '[Service]', `Environment=SRW_LISTEN=0.0.0.0:${port}`];
  if (shard && shard.count > 1) {
    // Only the first shard watches the PBX: one AMI session, one copy of its series.
    const share = `--shard ${shard.index}/${shard.count}${shard.index > 0 ? ' --no-pbx' : ''}`;
    lines.push('ExecStart=', `ExecStart=/usr/bin/env srw exporter --listen \${SRW_LISTEN} ${share}`);
  }
  return lines.join('\n') + '\n';
}

/** What /etc/srw/srw.env has to hold for the exporter: the names of the environment variables the
 *  inventory's SNMP and AMI monitor secrets refer to, and the secrets files it reads. */
export function exporterEnvExample(inv: Inventory): string {
  const uses = secretUses(inv).filter((u) => u.path[0] === 'switches' || u.path[0] === 'upses' || u.path.join('.') === 'pbx.ami.monitor.secret');
  const envs = [...new Set(uses.flatMap((u) => ('env' in u.ref ? [u.ref.env] : [])))];
  const files = [...new Set(uses.flatMap((u) => ('file' in u.ref ? [u.ref.file] : [])))];
  return [
    '# The secrets srw exporter needs, by name only. Put the values into /etc/srw/srw.env',
    '# (root:root, mode 0600; systemd reads it for the service), then: systemctl restart srw-exporter',
    ...envs.map((e) => `#${e}=`),
    ...files.map((f) => `# and the file ${f} (relative to /etc/srw), owned by srw, mode 0600`),
    '',
  ].join('\n');
}
