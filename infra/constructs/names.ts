// Names of shared Proxmox objects, derived from the inventory in one place, so stacks that do not
// hold each other's constructs (network vs compute vs voip) still agree on them without
// cross-stack references (which would add terraform_remote_state plumbing between stacks).
import { prefixOf, type Network, type Proxmox } from '../inventory/index.js';

/** Where a guest NIC plugs in: a bridge (+ VLAN tag) in bridge mode, a vnet in SDN mode. */
export type NicAttachment = { readonly bridge: string; readonly vlanId?: number };

/** SDN ids are at most 8 characters; "vnet" + a VLAN id (1-4094) always fits. */
export function vnetId(network: Network): string {
  return `vnet${network.vlan}`;
}

/** SDN zone id (at most 8 characters). */
export const SDN_ZONE_ID = 'srw';

/**
 * Bridge mode: the NIC sits on the VLAN-aware bridge and carries the network's VLAN tag.
 * SDN mode: the vnet does the tagging, so the NIC sits on the vnet untagged.
 */
export function nicAttachment(proxmox: Pick<Proxmox, 'networkMode' | 'defaults'>, network: Network): NicAttachment {
  return proxmox.networkMode === 'sdn' ? { bridge: vnetId(network) } : { bridge: proxmox.defaults.bridge, vlanId: network.vlan };
}

/** Resource pool of a role: the role name itself, so the Proxmox UI groups guests by role. */
export function poolId(role: string): string {
  return role;
}

/** Security group of a role. Proxmox limits group names to 18 characters (checked by FirewallProps rules). */
export function securityGroupName(role: string): string {
  return role;
}

/** File name a cloud image is stored under: Proxmox's iso content only lists .img/.iso names. */
export function imageFileName(url: string): string {
  const base = url.split('/').pop()?.split('?')[0] || 'cloud-image';
  return base.replace(/\.(qcow2|raw|img)$/i, '') + '.img';
}

/** Volume id of the downloaded cloud image on a node (`<datastore>:iso/<file>`). */
export function imageFileId(datastore: string, url: string): string {
  return `${datastore}:iso/${imageFileName(url)}`;
}

/** Volume id of a snippet (`<datastore>:snippets/<file>`). */
export function snippetFileId(datastore: string, fileName: string): string {
  return `${datastore}:snippets/${fileName}`;
}

/** CIDR form of a guest address (`10.20.0.10/24`), or `dhcp`. */
export function addressWithPrefix(address: string, network: Network): string {
  return address === 'dhcp' ? 'dhcp' : `${address}/${prefixOf(network.cidr)}`;
}

/**
 * Terraform resource name from inventory names (unique per type within a stack), used instead of
 * cdktf's path+hash ids so plans read `proxmox_virtual_environment_vm.db`, not `..._vm_C110C6AD`.
 */
export function terraformName(...parts: readonly string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');
}
