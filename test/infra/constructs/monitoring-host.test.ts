import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { MonitoringHost } from '../../../infra/constructs/monitoring-host.js';
import { renderPrometheusFiles, snmpTargets } from '../../../infra/constructs/prometheus-config.js';
import { guestSite } from '../../../infra/constructs/guest-site.js';
import type { Host, ProvisionedInventory } from '../../../infra/inventory/index.js';
import { example } from '../inventories.js';
import { only, synthScope } from '../synth-json.js';
import { repoRoot, runSrw } from '../../helpers/run-srw.js';

const inv = example();
const lxcHost = inv.hosts.find((h) => h.name === 'monitoring')!;
const build = (i: ProvisionedInventory, host: Host) =>
  synthScope((s) =>
    new MonitoringHost(s, 'mon', { host, site: guestSite(i), prometheus: renderPrometheusFiles(i, { exporterPort: 9116 }), inventoryYaml: stringify(i, { lineWidth: 0 }), inventory: i, srwPackageVariable: 'srw_package', imageFileId: 'cephfs:iso/debian.img' }),
  );

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

describe('what the monitoring host installs and runs (issue 11 item 5)', () => {
  const vmHost: Host = { ...lxcHost, kind: 'vm' };
  // What the guest gets: Terraform turns the escaped $${…} back into ${…} (a live ${…} is Terraform's).
  const userData = () => parse(only(build(inv, vmHost), 'proxmox_virtual_environment_file').source_raw.data.replaceAll('$${', '${'));
  const file = (ud: any, path: string) => ud.write_files.find((f: any) => f.path === path);
  /** The unit and its drop-in as the guest has them, in a directory; systemd-analyze verify says nothing. */
  const verifiedUnitDir = (unit: string, dropIn: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'srw-unit-'));
    writeFileSync(join(dir, 'srw-exporter.service'), unit);
    mkdirSync(join(dir, 'srw-exporter.service.d'));
    writeFileSync(join(dir, 'srw-exporter.service.d', 'monitoring-host.conf'), dropIn);
    const verify = spawnSync('systemd-analyze', ['verify', join(dir, 'srw-exporter.service')], { encoding: 'utf8', env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:` } });
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    return dir;
  };

  it('installs the srw package Terraform reads from var.srw_package, not a name from the public registry', () => {
    const ud = userData();
    expect(file(ud, '/var/lib/srw/serwerownia.tgz')).toMatchObject({ encoding: 'b64', content: '${filebase64(var.srw_package)}', permissions: '0600' });
    expect(ud.runcmd).toContain('npm install --global --omit=dev --no-audit --no-fund /var/lib/srw/serwerownia.tgz');
    expect(ud.runcmd.join('\n')).not.toMatch(/npm install (-g|--global) serwerownia\b/);
    expect(ud.runcmd).toContain('systemctl enable --now srw-exporter.service');
    // the LXC variant decodes the same bytes in its hook script
    const hook: string = only(build(inv, lxcHost), 'proxmox_virtual_environment_file').source_raw.data;
    expect(hook).toContain("base64 -d > '/var/lib/srw/serwerownia.tgz' <<'SRW_FILE_EOF'\n${filebase64(var.srw_package)}\nSRW_FILE_EOF");
  });

  it('runs the exporter through the shipped unit with options srw accepts, and the unit verifies', () => {
    const ud = userData();
    const unit: string = file(ud, '/etc/systemd/system/srw-exporter.service').content;
    const dropIn: string = file(ud, '/etc/systemd/system/srw-exporter.service.d/monitoring-host.conf').content;
    expect(unit).toBe(readFileSync(join(repoRoot, 'packaging/systemd/srw-exporter.service'), 'utf8'));
    // systemd's view: the unit with the drop-in next to it must verify without a word.
    const dir = verifiedUnitDir(unit, dropIn);

    // srw's view: ExecStart as systemd expands it (Environment= of the unit, then the drop-in),
    // run by srw's own argument parser, with --check added so nothing is served.
    const env: Record<string, string> = {};
    for (const text of [unit, dropIn])
      for (const m of text.matchAll(/^Environment=(\w+)=(.*)$/gm)) env[m[1]!] = m[2]!;
    const execStart = /^ExecStart=(.*)$/m.exec(unit)![1]!.replace(/\$\{(\w+)\}/g, (_m, v: string) => env[v] ?? '');
    const argv = execStart.split(/\s+/);
    expect(argv.slice(0, 3)).toEqual(['/usr/bin/env', 'srw', 'exporter']);
    expect(env.SRW_LISTEN).toBe('0.0.0.0:9116');
    // The inventory the guest gets, with its secrets where the service would find them.
    writeFileSync(join(dir, 'inventory.yaml'), file(ud, '/etc/srw/inventory.yaml').content);
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets', 'snmp.env'), 'COMMUNITY=public-lab\nV3_AUTH=authauthauth\nV3_PRIV=privprivpriv\n', { mode: 0o600 });
    const r = runSrw([...argv.slice(2), '--check', '--json'], { cwd: dir, env: { SRW_INVENTORY: join(dir, 'inventory.yaml'), SRW_AMI_MONITOR_SECRET: 'monitor-lab' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ listen: '0.0.0.0:9116', devices: expect.arrayContaining([expect.objectContaining({ name: 'core-1' })]) });
    // The service's secrets file is named, never filled in by srw.
    expect(file(ud, '/etc/srw/srw.env.example').content).toMatch(/^#SRW_AMI_MONITOR_SECRET=$/m);
    expect(ud.runcmd).toContain('[ -e /etc/srw/srw.env ] || install -m 0600 -o root -g root /dev/null /etc/srw/srw.env');
  });

  it('a second shard\'s host runs `srw exporter --shard 1/3 --no-pbx` through a drop-in that verifies', () => {
    const ud = parse(
      only(
        synthScope((s) =>
          new MonitoringHost(s, 'mon', { host: vmHost, site: guestSite(inv), prometheus: renderPrometheusFiles(inv, { exporterPort: 9116 }), inventoryYaml: stringify(inv, { lineWidth: 0 }), inventory: inv, srwPackageVariable: 'srw_package', imageFileId: 'cephfs:iso/debian.img', shard: { index: 1, count: 3 } }),
        ),
        'proxmox_virtual_environment_file',
      ).source_raw.data.replaceAll('$${', '${'),
    );
    const unit: string = file(ud, '/etc/systemd/system/srw-exporter.service').content;
    const dropIn: string = file(ud, '/etc/systemd/system/srw-exporter.service.d/monitoring-host.conf').content;
    const dir = verifiedUnitDir(unit, dropIn);
    // The drop-in's ExecStart replaces the unit's (an empty ExecStart= first), as systemd requires.
    const starts = [...dropIn.matchAll(/^ExecStart=(.*)$/gm)].map((m) => m[1]!);
    expect(starts[0]).toBe('');
    const argv = starts[1]!.replace('${SRW_LISTEN}', '0.0.0.0:9116').split(/\s+/);
    writeFileSync(join(dir, 'inventory.yaml'), file(ud, '/etc/srw/inventory.yaml').content);
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets', 'snmp.env'), 'COMMUNITY=public-lab\nV3_AUTH=authauthauth\nV3_PRIV=privprivpriv\n', { mode: 0o600 });
    const r = runSrw([...argv.slice(2), '--check', '--json'], { cwd: dir, env: { SRW_INVENTORY: join(dir, 'inventory.yaml') } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ listen: '0.0.0.0:9116', shard: '1/3', pbx: null });
  });
});

describe('the shipped unit', () => {
  const unit = () => readFileSync(join(repoRoot, 'packaging/systemd/srw-exporter.service'), 'utf8');

  it('is hardened: own user, read-only system, no new privileges, only the low-port capability', () => {
    for (const line of ['User=srw', 'ProtectSystem=strict', 'NoNewPrivileges=yes', 'CapabilityBoundingSet=CAP_NET_BIND_SERVICE', 'AmbientCapabilities=CAP_NET_BIND_SERVICE', 'EnvironmentFile=-/etc/srw/srw.env', 'PrivateTmp=yes'])
      expect(unit()).toMatch(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const dir = mkdtempSync(join(tmpdir(), 'srw-unit-'));
    writeFileSync(join(dir, 'srw-exporter.service'), unit());
    const security = spawnSync('systemd-analyze', ['security', '--offline=true', join(dir, 'srw-exporter.service')], { encoding: 'utf8' });
    const level = /Overall exposure level for srw-exporter\.service: (\d+\.\d+)/.exec(security.stdout + security.stderr);
    expect(Number(level?.[1])).toBeLessThanOrEqual(2);
  });
});
