// `srw import proxmox`: lists the cluster's guests (GET /cluster/resources?type=vm), reads each
// one's config (GET /nodes/{node}/qemu|lxc/{vmid}/config, four at a time), maps what it can to
// inventory hosts marked `adopt: true`, and appends them to the inventory text in one validated
// edit. A guest that cannot be adopted is reported with its reasons and left out; a failure of
// the list itself (host unreachable, token refused, not a PVE API) stops before any edit.
import type { ProvisionedInventory, Result } from '../inventory/index.js';
import { appendItems, type FlowValue } from '../inventory/index.js';
import { clusterGuests, mapGuest, type GuestOutcome, type HostDraft } from './guest-config.js';
import { pveGet, type PveApiOptions, type PveError } from './pve-api.js';

export type ImportReport = { outcomes: GuestOutcome[]; listProblems: string[] };

const CONCURRENCY = 4;

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export async function readGuests(api: PveApiOptions, inv: ProvisionedInventory, opts: { role?: string }): Promise<{ ok: true; report: ImportReport } | { ok: false; error: PveError }> {
  const list = await pveGet(api, '/cluster/resources?type=vm');
  if (!list.ok) return { ok: false, error: list.error };
  const { guests, problems: listProblems } = clusterGuests(list.data);
  const known = new Map(inv.hosts.map((h) => [h.vmid, h]));
  const outcomes = await mapLimited(guests, CONCURRENCY, async (guest): Promise<GuestOutcome> => {
    const mine = known.get(guest.vmid);
    if (mine) return { guest, problems: [], notes: [], skipped: `already in the inventory as ${mine.name}` };
    if (guest.template) return mapGuest(guest, {}, inv, opts);
    const config = await pveGet(api, `/nodes/${encodeURIComponent(guest.node)}/${guest.type}/${guest.vmid}/config`);
    if (!config.ok) return { guest, problems: [`${config.error.path}: ${config.error.message}`], notes: [] };
    return mapGuest(guest, config.data, inv, opts);
  });
  // Two guests may map to one name, or a guest's name may already belong to another host.
  const names = new Map(inv.hosts.map((h) => [h.name, `host ${h.name} (VM id ${h.vmid}) of the inventory`]));
  for (const o of outcomes) {
    if (!o.host) continue;
    const taken = names.get(o.host.name);
    if (taken) {
      o.problems.push(`name ${o.host.name} is already used by ${taken}`);
      (o as { host?: HostDraft }).host = undefined;
    } else names.set(o.host.name, `guest ${o.guest.vmid} of this import`);
  }
  return { ok: true, report: { outcomes, listProblems } };
}

/** The host as the inventory writes it: only what differs from the schema's defaults, then adopt: true. */
export function hostEntries(h: HostDraft): [string, FlowValue][] {
  const e: [string, FlowValue][] = [
    ['name', h.name],
    ['kind', h.kind],
    ['node', h.node],
    ['vmid', h.vmid],
    ['role', h.role],
  ];
  if (h.description) e.push(['description', h.description]);
  if (h.cpu !== 2) e.push(['cpu', h.cpu]);
  if (h.memory !== 2048) e.push(['memory', h.memory]);
  e.push(['disks', h.disks.map((d) => ({ size: d.size, ...(d.datastore ? { datastore: d.datastore } : {}) }))]);
  e.push(['nics', h.nics.map((n) => ({ network: n.network, address: n.address }))]);
  if (h.tags.length > 0) e.push(['tags', h.tags]);
  if (!h.startOnBoot) e.push(['startOnBoot', false]);
  if (h.cloudInit) e.push(['cloudInit', h.cloudInit as { [k: string]: FlowValue }]);
  e.push(['adopt', true]);
  return e;
}

/** The inventory text with the adopted hosts appended to `hosts`, validated as a whole. */
export function addAdoptedHosts(text: string, file: string, hosts: readonly HostDraft[]): Result<string> {
  return appendItems(text, file, ['hosts'], hosts.map(hostEntries), (inv) => hosts.every((h) => inv.hosts.some((x) => x.vmid === h.vmid && x.name === h.name && x.adopt === true)));
}
