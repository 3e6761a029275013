import { describe, expect, it } from 'vitest';
import { ClusterFirewall, GuestFirewall, RoleSecurityGroup } from '../../../infra/constructs/firewall.js';
import { ProxmoxLxc } from '../../../infra/constructs/container.js';
import { guestSite } from '../../../infra/constructs/guest-site.js';
import { ConstructPropsError } from '../../../infra/constructs/props-rules.js';
import { example } from '../inventories.js';
import { all, only, synthScope } from '../synth-json.js';

const inv = example();
const role = (name: string) => inv.roles.find((r) => r.name === name)!;

describe('firewall', () => {
  it('turns the cluster firewall on with input DROP', () => {
    const fw = only(synthScope((s) => new ClusterFirewall(s, 'fw')), 'proxmox_virtual_environment_cluster_firewall');
    expect(fw).toMatchObject({ enabled: true, input_policy: 'DROP', output_policy: 'ACCEPT', ebtables: true });
  });

  it('makes a security group per role with one ACCEPT rule per service, source from the `from` network', () => {
    const g = only(synthScope((s) => new RoleSecurityGroup(s, 'g', { role: role('pbx'), networks: inv.networks })), 'proxmox_virtual_environment_cluster_firewall_security_group');
    expect(g.name).toBe('pbx');
    expect(g.rule.map((r: any) => [r.type, r.action, r.proto, r.dport, r.source])).toEqual([
      ['in', 'ACCEPT', 'udp', '5060', '10.40.0.0/23'],
      ['in', 'ACCEPT', 'udp', '10000:20000', '10.40.0.0/23'],
      ['in', 'ACCEPT', 'tcp', '5038', '10.10.0.0/24'],
    ]);
  });

  it('leaves the source open for a service without `from`', () => {
    const g = only(synthScope((s) => new RoleSecurityGroup(s, 'g', { role: role('web'), networks: inv.networks })), 'proxmox_virtual_environment_cluster_firewall_security_group');
    expect(g.rule.map((r: any) => [r.dport, r.source])).toEqual([
      ['443', undefined],
      ['80', undefined],
    ]);
  });

  it('allow() adds a rule for every guest of the role', () => {
    const g = only(
      synthScope((s) => new RoleSecurityGroup(s, 'g', { role: role('database'), networks: inv.networks }).allow({ port: 9187, proto: 'tcp', from: 'mgmt', comment: 'postgres exporter' })),
      'proxmox_virtual_environment_cluster_firewall_security_group',
    );
    expect(g.rule.map((r: any) => [r.dport, r.source, r.comment])).toEqual([
      ['5432', '10.20.0.0/24', 'database: tcp/5432 from services'],
      ['9187', '10.10.0.0/24', 'postgres exporter'],
    ]);
  });

  it('refuses a role name longer than Proxmox allows for a group', () => {
    const long = { name: 'a-very-long-role-name-indeed', services: [] };
    expect(() => synthScope((s) => new RoleSecurityGroup(s, 'g', { role: long, networks: inv.networks }))).toThrow(ConstructPropsError);
  });

  it('per guest: input DROP and the role group attached, for a container by container_id', () => {
    const host = inv.hosts.find((h) => h.name === 'monitoring')!;
    const doc = synthScope((s) => {
      const ct = new ProxmoxLxc(s, 'ct', { host, site: guestSite(inv) });
      new GuestFirewall(s, 'fw', { host, guest: ct.resource });
    });
    const opts = only(doc, 'proxmox_virtual_environment_firewall_options');
    expect(opts).toMatchObject({ node_name: 'pve1', container_id: 150, enabled: true, input_policy: 'DROP', dhcp: false });
    expect(opts.vm_id).toBeUndefined();
    const rules = only(doc, 'proxmox_virtual_environment_firewall_rules');
    expect(rules.rule).toEqual([{ security_group: 'monitoring', comment: 'srw: role monitoring', enabled: true }]);
    expect(rules.depends_on).toEqual([expect.stringContaining('proxmox_virtual_environment_container.')]);
    expect(all(doc, 'proxmox_virtual_environment_container')).toHaveLength(1);
  });
});
