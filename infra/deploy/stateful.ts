// Resources whose destruction loses data that no plan can bring back: a guest's disks go with
// it. Everything else srw manages (networks, firewall, pools, snippets, the downloaded cloud
// image) is re-created from the inventory exactly as it was.
export const STATEFUL_TYPES: Readonly<Record<string, string>> = {
  proxmox_virtual_environment_vm: 'VM',
  proxmox_virtual_environment_container: 'container',
};

type Before = { vm_id?: unknown; node_name?: unknown; name?: unknown; disk?: unknown; initialization?: unknown };

function diskSizes(disk: unknown): number[] {
  if (Array.isArray(disk)) return disk.map((d) => Number((d as { size?: unknown }).size)).filter((n) => Number.isFinite(n));
  return [];
}

/** "VM 130 (db) on pve2 with 50 + 500 GiB of disks", from the state before the change; undefined when not stateful. */
export function statefulWhat(type: string, before: unknown): string | undefined {
  const kind = STATEFUL_TYPES[type];
  if (!kind) return undefined;
  const b = (before ?? {}) as Before;
  const init = Array.isArray(b.initialization) ? (b.initialization[0] as { hostname?: unknown } | undefined) : undefined;
  const name = typeof b.name === 'string' && b.name ? b.name : typeof init?.hostname === 'string' ? init.hostname : undefined;
  const sizes = diskSizes(b.disk);
  return [
    `${kind} ${String(b.vm_id ?? '?')}`,
    name ? ` (${name})` : '',
    typeof b.node_name === 'string' ? ` on ${b.node_name}` : '',
    sizes.length > 0 ? ` with ${sizes.join(' + ')} GiB of disks` : '',
  ].join('');
}
