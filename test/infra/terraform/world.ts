// The stand-in provider's "cluster": a JSON file of the objects that exist, as the provider would
// read them back (bpg state shape), keyed by resource type and id. Applies write it, reads and
// imports read it, and a test seeds it with guests that already run before srw adopts them.
// Every process (one provider per Terraform run) reads it afresh and replaces it with a rename.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export type WorldObject = {
  type: string;
  /** The state id (bpg: the VM id for guests). */
  id: string;
  /** What `terraform import` takes for it (bpg: node/vmid for guests, vm/node/vmid for their firewall). */
  importId: string;
  state: Record<string, unknown>;
};

export type World = { objects: WorldObject[] };

export function readWorld(path: string): World {
  if (!existsSync(path)) return { objects: [] };
  return JSON.parse(readFileSync(path, 'utf8')) as World;
}

export function writeWorld(path: string, world: World): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(world, null, 1));
  renameSync(tmp, path);
}

export function updateWorld(path: string, change: (w: World) => void): void {
  const w = readWorld(path);
  change(w);
  writeWorld(path, w);
}

/** The import id bpg documents for a resource of this type and state, if it has one. */
export function importIdOf(type: string, state: Record<string, unknown>): string {
  const node = String(state.node_name ?? '');
  if (type === 'proxmox_virtual_environment_vm' || type === 'proxmox_virtual_environment_container') return `${node}/${String(state.vm_id)}`;
  if (type === 'proxmox_virtual_environment_firewall_options' || type === 'proxmox_virtual_environment_firewall_rules') {
    return state.container_id != null ? `container/${node}/${String(state.container_id)}` : `vm/${node}/${String(state.vm_id)}`;
  }
  return String(state.id ?? '');
}

/** The id bpg gives a new object: the VM id for guests, a readable one otherwise. */
export function newIdOf(type: string, state: Record<string, unknown>): string {
  if (type === 'proxmox_virtual_environment_vm' || type === 'proxmox_virtual_environment_container') return String(state.vm_id);
  if (type === 'proxmox_virtual_environment_pool') return String(state.pool_id);
  const name = state.name ?? state.file_name ?? state.vm_id ?? state.container_id;
  return `${type.replace(/^proxmox_(virtual_environment_)?/, '')}-${String(state.node_name ?? 'cluster')}-${String(name ?? Math.random().toString(36).slice(2, 8))}`;
}
