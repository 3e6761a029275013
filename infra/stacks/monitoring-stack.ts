// monitoring: the Prometheus + srw exporter guest(s), with every switch, UPS and the PBX of the
// inventory as scrape targets. Adding a device to the inventory changes a snippet in this plan.
import { stringify } from 'yaml';
import { TerraformVariable, type Construct } from '../proxmox/cdk.js';
import { guestSite } from '../constructs/guest-site.js';
import { MonitoringHost } from '../constructs/monitoring-host.js';
import { renderPrometheusFiles } from '../constructs/prometheus-config.js';
import { GuestFirewall } from '../constructs/firewall.js';
import { imageFor, monitoringHosts } from './placement.js';
import { SrwStack, type SrwStackProps } from './srw-stack.js';
// The second deliberate edge out of infra (ARCHITECTURE.md): the rules and dashboards the host
// gets are exactly what `srw alerts` / `srw dashboards` print.
import { ruleFiles, ALERTMANAGER_FILE } from '../../monitoring/alerts/index.js';
import { renderDashboards } from '../../monitoring/dashboards/index.js';

export const EXPORTER_PORT = 9116;
/** TF_VAR_srw_package: the path of srw's npm package (npm pack) that the monitoring host installs. */
export const SRW_PACKAGE_VARIABLE = 'srw_package';

export class MonitoringStack extends SrwStack {
  readonly hosts: MonitoringHost[] = [];

  constructor(scope: Construct, name: string, props: SrwStackProps) {
    super(scope, name, props);
    const inv = props.inventory;
    const inventoryYaml = stringify(inv, { lineWidth: 0 });
    const alerts = ruleFiles(inv);
    const dashboards = renderDashboards(inv);
    // Several monitoring hosts share the devices (hashmod); the first is also the global view:
    // it takes the others' remote write and runs the one Alertmanager they all notify through.
    const hosts = monitoringHosts(inv);
    if (hosts.length > 0)
      new TerraformVariable(this, SRW_PACKAGE_VARIABLE, {
        type: 'string',
        nullable: false,
        description: 'path of the srw package the monitoring host installs (serwerownia-X.Y.Z.tgz from `npm pack` in a srw checkout)',
      });
    const first = hosts[0]?.nics.find((n) => n.address !== 'dhcp')?.address;
    hosts.forEach((host, index) => {
      const shard = { index, count: hosts.length, ...(index > 0 && first ? { remoteWriteUrl: `http://${first}:9090/api/v1/write` } : {}) };
      const prometheus = renderPrometheusFiles(inv, { exporterPort: EXPORTER_PORT, shard, alertmanagers: index > 0 && first ? [`${first}:9093`] : ['127.0.0.1:9093'] });
      const m = new MonitoringHost(this, `monitoring-${host.name}`, {
        host,
        site: guestSite(inv),
        prometheus,
        rules: Object.fromEntries(Object.entries(alerts).filter(([name]) => name !== ALERTMANAGER_FILE)),
        ...(index === 0 ? { alertmanager: alerts[ALERTMANAGER_FILE], dashboards } : {}),
        shard: { index, count: hosts.length },
        remoteWriteReceiver: index === 0 && hosts.length > 1,
        inventoryYaml,
        inventory: inv,
        srwPackageVariable: SRW_PACKAGE_VARIABLE,
        exporterPort: EXPORTER_PORT,
        imageFileId: imageFor(inv, host),
        timezone: inv.site.timezone,
      });
      this.hosts.push(m);
      new GuestFirewall(this, `firewall-${host.name}`, { host, guest: m.guest.guest.resource });
    });
  }
}
