// The monitoring guest: Prometheus plus the srw exporter, scraping every switch, UPS and the
// PBX of the inventory through file_sd target files (see prometheus-config.ts).
import { Construct, type ITerraformDependable } from '../proxmox/cdk.js';
import type { Host } from '../inventory/index.js';
import { checkProps, type PropsRule } from './props-rules.js';
import type { GuestSite } from './guest-site.js';
import { ProvisionedGuest } from './provisioned-guest.js';
import { FILE_SD_DIR, type PrometheusFiles } from './prometheus-config.js';

export interface MonitoringHostProps {
  readonly host: Host;
  readonly site: GuestSite;
  /** Rendered by renderPrometheusFiles(). */
  readonly prometheus: PrometheusFiles;
  /** The inventory as YAML for the exporter (secret references only, never values). */
  readonly inventoryYaml: string;
  /** @default 9116 — the port the monitoring role opens to mgmt in the example inventory. */
  readonly exporterPort?: number;
  /**
   * How the srw command gets onto the guest. @default "npm install -g serwerownia" — point it at
   * your own package tarball or registry; the exporter's SNMP/AMI secrets go to /etc/srw/secrets
   * by hand (they are never part of the synthesized configuration).
   */
  readonly installSrw?: string;
  readonly imageFileId?: string;
  /** @default none */
  readonly after?: readonly ITerraformDependable[];
  /** @default none */
  readonly timezone?: string;
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
        { path: '/etc/systemd/system/srw-exporter.service', content: exporterUnit(port) },
      ],
      packages: ['prometheus', 'nodejs', 'npm'],
      commands: [
        props.installSrw ?? 'npm install -g serwerownia',
        'systemctl daemon-reload',
        'systemctl enable --now srw-exporter',
        'systemctl restart prometheus',
      ],
      imageFileId: props.imageFileId,
      after: props.after,
      timezone: props.timezone,
    });
  }
}

/** systemd unit for `srw exporter`; secrets come from an optional root-only environment file. */
export function exporterUnit(port: number): string {
  return `[Unit]
Description=srw exporter (SNMP devices and PBX of the inventory)
After=network-online.target
Wants=network-online.target

[Service]
EnvironmentFile=-/etc/srw/secrets.env
WorkingDirectory=/etc/srw
ExecStart=/usr/bin/env srw exporter --inventory /etc/srw/inventory.yaml --port ${port}
DynamicUser=yes
Restart=on-failure

[Install]
WantedBy=multi-user.target
`;
}
