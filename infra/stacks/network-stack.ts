// network: what every guest plugs into — the guest networks (bridge+VLAN or SDN), the cluster
// firewall, and one security group per role. Applied first.
import type { Construct } from '../proxmox/cdk.js';
import { GuestNetworks } from '../constructs/network.js';
import { ClusterFirewall, RoleSecurityGroup } from '../constructs/firewall.js';
import { effectiveRoles } from './placement.js';
import { SrwStack, type SrwStackProps } from './srw-stack.js';

export class NetworkStack extends SrwStack {
  constructor(scope: Construct, name: string, props: SrwStackProps) {
    super(scope, name, props);
    const inv = props.inventory;
    new GuestNetworks(this, 'networks', { networks: inv.networks, nodes: inv.proxmox.nodes, proxmox: inv.proxmox });
    new ClusterFirewall(this, 'cluster-firewall');
    for (const role of effectiveRoles(inv)) new RoleSecurityGroup(this, `group-${role.name}`, { role, networks: inv.networks });
  }
}
