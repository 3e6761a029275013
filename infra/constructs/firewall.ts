// Proxmox firewall in three layers: the cluster switch and policies, one security group per
// role (its declared inbound services), and per guest: input policy DROP plus its role's group.
import { Construct, type ITerraformDependable } from '../proxmox/cdk.js';
import {
  VirtualEnvironmentClusterFirewall,
  VirtualEnvironmentClusterFirewallSecurityGroup,
  VirtualEnvironmentFirewallOptions,
  VirtualEnvironmentFirewallRules,
  type VirtualEnvironmentClusterFirewallSecurityGroupRule,
} from '../proxmox/bindings.js';
import type { Host, Network, Role, Service } from '../inventory/index.js';
import { checkProps, ConstructPropsError, type PropsRule } from './props-rules.js';
import { securityGroupName, terraformName } from './names.js';

export interface ClusterFirewallProps {
  /** Datacenter input policy (node traffic). @default "DROP" — Proxmox still lets the cluster
   *  network reach 8006/22 through its built-in management ipset. */
  readonly inputPolicy?: 'ACCEPT' | 'DROP' | 'REJECT';
  /** @default "ACCEPT" */
  readonly outputPolicy?: 'ACCEPT' | 'DROP' | 'REJECT';
}

/** Turns the datacenter firewall on (without it no guest rule is enforced) with ebtables and log rate limit. */
export class ClusterFirewall extends Construct {
  readonly resource: VirtualEnvironmentClusterFirewall;
  constructor(scope: Construct, id: string, props: ClusterFirewallProps = {}) {
    super(scope, id);
    this.resource = new VirtualEnvironmentClusterFirewall(this, 'options', {
      enabled: true,
      ebtables: true,
      inputPolicy: props.inputPolicy ?? 'DROP',
      outputPolicy: props.outputPolicy ?? 'ACCEPT',
      logRatelimit: { enabled: true, burst: 10, rate: '5/second' },
    });
    this.resource.overrideLogicalId('cluster');
  }
}

export interface RoleSecurityGroupProps {
  readonly role: Role;
  /** The inventory networks, to turn a service's `from` into a source CIDR. */
  readonly networks: readonly Network[];
}

const groupRules: readonly PropsRule<RoleSecurityGroupProps>[] = [
  // pve-firewall builds iptables chain names from the group name; longer names are rejected.
  { when: (p) => securityGroupName(p.role.name).length > 18, message: (p) => `security group "${securityGroupName(p.role.name)}" is longer than 18 characters (Proxmox limit); shorten role ${p.role.name}` },
  { when: (p) => p.role.services.some((s) => s.from !== undefined && !p.networks.some((n) => n.name === s.from)), message: (p) => `role ${p.role.name} allows a service from an undeclared network` },
];

/** A security group named after the role with one ACCEPT rule per declared inbound service. */
export class RoleSecurityGroup extends Construct {
  readonly resource: VirtualEnvironmentClusterFirewallSecurityGroup;
  readonly name: string;
  private readonly rules: VirtualEnvironmentClusterFirewallSecurityGroupRule[];

  constructor(scope: Construct, id: string, private readonly props: RoleSecurityGroupProps) {
    super(scope, id);
    checkProps('RoleSecurityGroup', props, groupRules);
    this.name = securityGroupName(props.role.name);
    this.rules = props.role.services.map((s) => serviceRule(props.role.name, s, props.networks));
    this.resource = new VirtualEnvironmentClusterFirewallSecurityGroup(this, 'group', {
      name: this.name,
      comment: props.role.description ?? `srw role ${props.role.name}`,
      rule: this.rules,
    });
    this.resource.overrideLogicalId(terraformName(this.name));
  }

  /**
   * Accepts one more inbound service for every guest of the role beyond what the inventory
   * declares (e.g. a backup agent port): appends a rule[] entry with type "in", action ACCEPT,
   * proto, dport and, with `from`, the network's CIDR as source.
   */
  allow(service: Service): void {
    if (service.from !== undefined && !this.props.networks.some((n) => n.name === service.from)) {
      throw new ConstructPropsError('RoleSecurityGroup', [`role ${this.props.role.name}: cannot allow from undeclared network "${service.from}"`]);
    }
    this.rules.push(serviceRule(this.props.role.name, service, this.props.networks));
    this.resource.putRule([...this.rules]);
  }
}

/** Sets type "in", action ACCEPT, proto, dport (Proxmox takes "10000:20000" ranges) and source (the `from` network's CIDR). */
export function serviceRule(role: string, s: Service, networks: readonly Network[]): VirtualEnvironmentClusterFirewallSecurityGroupRule {
  const from = s.from === undefined ? undefined : networks.find((n) => n.name === s.from);
  return {
    type: 'in',
    action: 'ACCEPT',
    proto: s.proto,
    dport: String(s.port),
    ...(from ? { source: from.cidr } : {}),
    comment: s.comment ?? `${role}: ${s.proto}/${s.port}${s.from ? ` from ${s.from}` : ''}`,
    enabled: true,
  };
}

export interface GuestFirewallProps {
  readonly host: Host;
  /** The guest resource the options apply to (they fail on a guest that does not exist yet). */
  readonly guest: ITerraformDependable;
  /** @default the role's security group (names.securityGroupName(host.role)) */
  readonly securityGroup?: string;
  /** @default "DROP" — inbound is denied except what the role's group accepts. */
  readonly inputPolicy?: 'ACCEPT' | 'DROP' | 'REJECT';
  /** @default "ACCEPT" */
  readonly outputPolicy?: 'ACCEPT' | 'DROP' | 'REJECT';
}

/** Per-guest firewall: options (enabled, policies, MAC filter) and a rule set holding the role's group. */
export class GuestFirewall extends Construct {
  readonly options: VirtualEnvironmentFirewallOptions;
  readonly rules: VirtualEnvironmentFirewallRules;

  constructor(scope: Construct, id: string, props: GuestFirewallProps) {
    super(scope, id);
    const { host } = props;
    const target = host.kind === 'vm' ? { vmId: host.vmid } : { containerId: host.vmid };
    this.options = new VirtualEnvironmentFirewallOptions(this, 'options', {
      nodeName: host.node,
      ...target,
      enabled: true,
      inputPolicy: props.inputPolicy ?? 'DROP',
      outputPolicy: props.outputPolicy ?? 'ACCEPT',
      macfilter: true,
      // A DHCP-addressed NIC needs the DHCP exchange let through the DROP policy.
      dhcp: host.nics.some((n) => n.address === 'dhcp'),
      dependsOn: [props.guest],
    });
    this.options.overrideLogicalId(terraformName(host.name));
    this.rules = new VirtualEnvironmentFirewallRules(this, 'rules', {
      nodeName: host.node,
      ...target,
      rule: [{ securityGroup: props.securityGroup ?? securityGroupName(host.role), comment: `srw: role ${host.role}`, enabled: true }],
      dependsOn: [props.guest],
    });
    this.rules.overrideLogicalId(terraformName(host.name));
  }
}
