// The guest networks of the inventory, built the way proxmox.networkMode says:
//   bridge: on every node a VLAN-aware Linux bridge plus one VLAN interface per network;
//           guest NICs sit on the bridge and carry the network's VLAN tag.
//   sdn:    one SDN VLAN zone over the bridge on all nodes, one vnet (+ subnet) per network;
//           guest NICs sit on the vnet untagged, the zone does the tagging.
import { Construct } from '../proxmox/cdk.js';
import { NetworkLinuxBridge, NetworkLinuxVlan, SdnApplier, SdnSubnet, SdnVnet, SdnZoneVlan } from '../proxmox/bindings.js';
import type { Network, Proxmox, ProxmoxNode } from '../inventory/index.js';
import { checkProps, type PropsRule } from './props-rules.js';
import { SDN_ZONE_ID, terraformName, vnetId } from './names.js';
import { live } from '../proxmox/terraform-template.js';

export interface GuestNetworksProps {
  readonly networks: readonly Network[];
  readonly nodes: readonly ProxmoxNode[];
  /** networkMode and defaults.bridge from the inventory. */
  readonly proxmox: Pick<Proxmox, 'networkMode' | 'defaults'>;
  /**
   * Bridge mode: physical ports (or bond) the bridge is built on, e.g. ["bond0"]. @default none —
   * the bridge already exists on the node (vmbr0 carries the management address): import it
   * with `terraform import` first, or name a dedicated guest bridge in defaults.bridge.
   */
  readonly ports?: readonly string[];
  /** SDN mode: zone id (at most 8 characters). @default "srw" */
  readonly zoneId?: string;
}

const rules: readonly PropsRule<GuestNetworksProps>[] = [
  { when: (p) => (p.zoneId ?? SDN_ZONE_ID).length > 8, message: (p) => `SDN zone id "${p.zoneId}" is longer than 8 characters` },
  { when: (p) => !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(p.proxmox.defaults.bridge), message: (p) => `bridge name "${p.proxmox.defaults.bridge}" is not a Linux interface name` },
];

export class GuestNetworks extends Construct {
  readonly bridges: NetworkLinuxBridge[] = [];
  readonly vlans: NetworkLinuxVlan[] = [];
  readonly vnets: SdnVnet[] = [];
  zone?: SdnZoneVlan;

  constructor(scope: Construct, id: string, props: GuestNetworksProps) {
    super(scope, id);
    checkProps('GuestNetworks', props, rules);
    if (props.proxmox.networkMode === 'sdn') this.buildSdn(props);
    else for (const node of props.nodes) this.buildBridge(props, node);
  }

  /** Sets node_name, name, vlan_aware and vids (only the inventory's VLANs pass the bridge). */
  private buildBridge(props: GuestNetworksProps, node: ProxmoxNode): void {
    const bridgeName = props.proxmox.defaults.bridge;
    const bridge = new NetworkLinuxBridge(this, `bridge-${node.name}`, {
      nodeName: node.name,
      name: bridgeName,
      vlanAware: true,
      vids: props.networks.map((n) => n.vlan).sort((a, b) => a - b).join(' ') || undefined,
      ports: props.ports ? [...props.ports] : undefined,
      comment: 'srw: guest bridge',
    });
    bridge.overrideLogicalId(terraformName(node.name, bridgeName));
    this.bridges.push(bridge);
    for (const net of props.networks) {
      const vlan = new NetworkLinuxVlan(this, `vlan-${node.name}-${net.name}`, {
        nodeName: node.name,
        name: `${bridgeName}.${net.vlan}`,
        interface: bridgeName,
        vlan: net.vlan,
        comment: `srw: ${net.name}${net.description ? ` (${net.description})` : ''}`,
        dependsOn: [bridge],
      });
      vlan.overrideLogicalId(terraformName(node.name, net.name));
      this.vlans.push(vlan);
    }
  }

  /** One VLAN zone on every node, a vnet and subnet per network, then one applier for all. */
  private buildSdn(props: GuestNetworksProps): void {
    const zoneId = props.zoneId ?? SDN_ZONE_ID;
    const zone = new SdnZoneVlan(this, 'zone', {
      id: zoneId,
      bridge: props.proxmox.defaults.bridge,
      nodes: props.nodes.map((n) => n.name),
    });
    zone.overrideLogicalId(terraformName(zoneId));
    this.zone = zone;
    const subnets: SdnSubnet[] = [];
    for (const net of props.networks) {
      const vnet = new SdnVnet(this, `vnet-${net.name}`, { id: vnetId(net), zone: live(zone.id), tag: net.vlan, alias: net.name });
      vnet.overrideLogicalId(terraformName(net.name));
      this.vnets.push(vnet);
      const subnet = new SdnSubnet(this, `subnet-${net.name}`, { vnet: live(vnet.id), cidr: net.cidr, gateway: net.gateway });
      subnet.overrideLogicalId(terraformName(net.name));
      subnets.push(subnet);
    }
    // SDN changes stay pending until applied cluster-wide; the applier does that after the rest.
    new SdnApplier(this, 'apply', { dependsOn: [zone, ...this.vnets, ...subnets] }).overrideLogicalId(terraformName(zoneId));
  }
}
