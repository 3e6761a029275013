// Proxmox "property strings": the comma-separated key=value lists of guest config values
// (`virtio=BC:24:11:2E:AA:01,bridge=vmbr0,tag=20`, `local-lvm:vm-101-disk-0,iothread=1,size=32G`).
// An item without "=" is the value of the format's default key (a disk's volume, memory's
// "current"), as the API schema marks with default_key.
export type PropertyString = { readonly head?: string; readonly values: ReadonlyMap<string, string> };

export function parsePropertyString(s: string): PropertyString {
  const values = new Map<string, string>();
  let head: string | undefined;
  for (const part of s.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (head === undefined && values.size === 0) head = part;
      else values.set(part, '');
    } else values.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return { ...(head !== undefined ? { head } : {}), values };
}

/** "32G", "512M", "1T", "1048576K" → GiB, rounded up (the inventory counts whole GiB). */
export function sizeGiB(size: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGT]?)$/i.exec(size.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!.toUpperCase();
  const gib = unit === 'T' ? n * 1024 : unit === 'G' || unit === '' ? n : unit === 'M' ? n / 1024 : n / 1024 / 1024;
  return Math.max(1, Math.ceil(gib));
}

/** PVE answers config numbers and booleans as JSON numbers or as strings ("2", "1"); bpg's CustomInt/CustomBool accept both (proxmox/types/common_types.go). */
export function intOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

export function boolOf(v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  if (v === false || v === 0 || v === '0' || v === 'false') return false;
  return undefined;
}
