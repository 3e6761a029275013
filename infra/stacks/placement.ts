// Which stack provisions which inventory host. The PBX host (pbx.host) goes to the voip stack and
// hosts with the role "monitoring" to the monitoring stack, so their plans read on their own;
// every other guest is in the compute stack.
import type { Host, Inventory, ProvisionedInventory, Role } from '../inventory/index.js';
import { imageFileId } from '../constructs/names.js';

export const MONITORING_ROLE = 'monitoring';

export function pbxHost(inv: Inventory): Host | undefined {
  return inv.pbx ? inv.hosts.find((h) => h.name === inv.pbx?.host) : undefined;
}

export function monitoringHosts(inv: Inventory): Host[] {
  return inv.hosts.filter((h) => h.role === MONITORING_ROLE && h.name !== inv.pbx?.host);
}

export function computeHosts(inv: Inventory): Host[] {
  const special = new Set([pbxHost(inv)?.name, ...monitoringHosts(inv).map((h) => h.name)]);
  return inv.hosts.filter((h) => !special.has(h.name));
}

/** A VM without a template boots the cloud image, which must be on its node. */
export function bootsImage(h: Host): boolean {
  return h.kind === 'vm' && h.template === undefined;
}

/** Nodes that need the cloud image, over all stacks (the compute stack downloads it for all); an adopted guest booted long ago. */
export function imageNodes(inv: Inventory): string[] {
  return [...new Set(inv.hosts.filter((h) => bootsImage(h) && !h.adopt).map((h) => h.node))].sort();
}

/** The image volume id a host boots from, or undefined for clones and containers. */
export function imageFor(inv: ProvisionedInventory, h: Host): string | undefined {
  return bootsImage(h) ? imageFileId(inv.proxmox.defaults.snippetsDatastore, inv.proxmox.defaults.image) : undefined;
}

/**
 * Declared roles plus any role a host names without a declaration (the loader allows that when
 * `roles` is empty): every guest gets a pool and a security group, an undeclared role's group
 * being empty, so its guests accept nothing inbound.
 */
export function effectiveRoles(inv: Inventory): Role[] {
  const declared = new Set(inv.roles.map((r) => r.name));
  const implicit = [...new Set(inv.hosts.map((h) => h.role))].filter((r) => !declared.has(r)).sort();
  return [...inv.roles, ...implicit.map((name) => ({ name, services: [] }))];
}
