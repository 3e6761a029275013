import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MonitoringHost } from '../../../infra/constructs/monitoring-host.js';
import { renderPrometheusFiles, snmpTargets } from '../../../infra/constructs/prometheus-config.js';
import { guestSite } from '../../../infra/constructs/guest-site.js';
import type { Host, ProvisionedInventory } from '../../../infra/inventory/index.js';
import { example } from '../inventories.js';
import { only, synthScope } from '../synth-json.js';

const inv = example();
const lxcHost = inv.hosts.find((h) => h.name === 'monitoring')!;
const build = (i: ProvisionedInventory, host: Host) =>
  synthScope((s) => new MonitoringHost(s, 'mon', { host, site: guestSite(i), prometheus: renderPrometheusFiles(i, { exporterPort: 9116 }), inventoryYaml: 'site: {}\n', imageFileId: 'cephfs:iso/debian.img' }));

describe('prometheus config', () => {
  it('lists every switch and UPS as a /snmp target by inventory name with its modules and interval', () => {
    const groups = snmpTargets(inv);
    expect(groups.map((g) => g.targets[0])).toEqual(['core-1', 'core-2', 'sw-parter', 'sw-pietro1', 'sw-pietro2', 'sw-usc', 'ups-a', 'ups-b']);
    expect(groups.find((g) => g.targets[0] === 'sw-usc')?.labels).toMatchObject({ __param_module: 'system,if_mib,entity,lldp', __scrape_interval__: '60s', srw_kind: 'switch', address: '10.10.0.24' });
    expect(groups.find((g) => g.targets[0] === 'ups-a')?.labels).toMatchObject({ __param_module: 'system,ups', srw_kind: 'ups' });
  });

  it('scrapes SNMP targets through the exporter and the PBX from its /metrics', () => {
    const files = renderPrometheusFiles(inv, { exporterPort: 9116 });
    const cfg = parse(files['prometheus.yml']);
    const snmp = cfg.scrape_configs.find((j: any) => j.job_name === 'srw-snmp');
    expect(snmp.metrics_path).toBe('/snmp');
    expect(snmp.relabel_configs.at(-1)).toEqual({ target_label: '__address__', replacement: '127.0.0.1:9116' });
    expect(JSON.parse(files['srw-pbx.json'])).toEqual([{ targets: ['127.0.0.1:9116'], labels: { srw_kind: 'pbx', pbx: 'pbx', ami: '10.10.0.60:5038' } }]);
  });
});

describe('MonitoringHost', () => {
  it('an LXC host gets an executable hook script that writes the target files and installs Prometheus once', () => {
    const doc = build(inv, lxcHost);
    const ct = only(doc, 'proxmox_virtual_environment_container');
    const hook = only(doc, 'proxmox_virtual_environment_file');
    expect(hook.file_mode).toBe('0700');
    expect(ct.hook_script_file_id).toBe('cephfs:snippets/srw-monitoring-hook.sh');
    const script: string = hook.source_raw.data;
    expect(script).toContain('[ "$phase" = "post-start" ] || exit 0');
    expect(script).toContain("cat > '/etc/prometheus/file_sd/srw-snmp.json'");
    expect(script).toContain('"core-1"');
    expect(script).toContain('apt-get install -y prometheus nodejs npm');
    // What Terraform uploads ($${ unescaped) must be valid bash.
    const check = spawnSync('bash', ['-n'], { input: script.replaceAll('$${', '${'), encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('a VM host gets cloud-init user-data with the same files', () => {
    const vmHost: Host = { ...lxcHost, kind: 'vm' };
    const ud = parse(only(build(inv, vmHost), 'proxmox_virtual_environment_file').source_raw.data);
    expect(ud.packages).toEqual(['qemu-guest-agent', 'prometheus', 'nodejs', 'npm']);
    const targets = JSON.parse(ud.write_files.find((f: any) => f.path.endsWith('srw-snmp.json')).content);
    expect(targets).toHaveLength(8);
  });

  it('adding a switch to the inventory changes the snippet (and so the plan)', () => {
    const more: ProvisionedInventory = { ...inv, switches: [...inv.switches, { ...inv.switches[2]!, name: 'sw-pietro3', address: '10.10.0.25' }] };
    const before = only(build(inv, lxcHost), 'proxmox_virtual_environment_file').source_raw.data;
    const after = only(build(more, lxcHost), 'proxmox_virtual_environment_file').source_raw.data;
    expect(after).not.toBe(before);
    expect(after).toContain('"sw-pietro3"');
  });
});
