// `srw discover --write`: the new devices as inventory entries, appended to `switches:` and
// `upses:` in the file's own style (infra/inventory/list-edit.ts: comments and layout kept, the
// whole result validated before the caller writes it). Drafts are made against the inventory as
// it is at write time (the caller holds the inventory lock and passes the text it just read), so
// an entry someone added meanwhile is neither duplicated nor given a second name.
import { isMap } from 'yaml';
import {
  appendItems,
  flowMap,
  isHostIn,
  parseInventory,
  parseYaml,
  type FlowValue,
  type Inventory,
  type Result,
  type SecretRef,
  type SnmpSettings,
} from '../../infra/inventory/index.js';
import type { DeviceType } from './identify.js';
import { knownDevices, type ScanResult } from './scan.js';

export type Draft = { list: 'switches' | 'upses'; name: string; address: string; model: string; network?: string; snmp: SnmpSettings; port: number; from: string; renamed?: string };
export type Skipped = { address: string; reason: string };

const NAME_MAX = 63;

/** Lower-case letters, digits and "-", starting with a letter: the inventory's name rule. */
export function sanitiseName(sysName: string | undefined, type: DeviceType, address: string): string {
  const fallback = `${type === 'ups' ? 'ups' : 'sw'}-${address.replace(/\./g, '-')}`;
  if (!sysName) return fallback;
  // A fully qualified sysName (sw-core.urzad.local) is named by its host label.
  const host = /^[A-Za-z][^.\s]*\.[A-Za-z]/.test(sysName) ? sysName.split('.')[0]! : sysName;
  const folded = host
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (folded === '') return fallback;
  const name = /^[a-z]/.test(folded) ? folded : `${type === 'ups' ? 'ups' : 'sw'}-${folded}`;
  return name.slice(0, NAME_MAX).replace(/-+$/, '');
}

/** `name`, or name-2, name-3 … — the first not in `taken`. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${name.slice(0, NAME_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Model text the schema accepts: no control characters, one line, bounded. */
export function modelText(model: string | undefined, sysObjectID: string | undefined): string {
  const clean = (model ?? '').replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ').replace(/[$#&]\{/g, (m) => `${m[0]} {`).replace(/\s+/g, ' ').trim().slice(0, 128);
  return clean || `unknown (sysObjectID ${sysObjectID ?? 'not given'})`;
}

/** Only the credential of the block that worked (its secret references as they are), and the port scanned. */
function snmpEntry(s: SnmpSettings, port: number): { [k: string]: FlowValue } {
  const e: { [k: string]: FlowValue } = { version: s.version };
  const ref = (r: SecretRef) => r as { [k: string]: FlowValue };
  if (s.version === '3') {
    e.user = s.user ?? '';
    e.level = s.level;
    if (s.level !== 'noAuthNoPriv') {
      e.authProtocol = s.authProtocol;
      if (s.authKey) e.authKey = ref(s.authKey);
    }
    if (s.level === 'authPriv') {
      e.privProtocol = s.privProtocol;
      if (s.privKey) e.privKey = ref(s.privKey);
    }
    if (s.context) e.context = s.context;
  } else if (s.community) e.community = ref(s.community);
  if (port !== 161) e.port = port;
  return e;
}

function entries(d: Draft): [string, FlowValue][] {
  return [['name', d.name], ['address', d.address], ...(d.network ? ([['network', d.network]] as [string, FlowValue][]) : []), ['model', d.model], ['snmp', snmpEntry(d.snmp, d.port)]];
}

/** The devices of a scan that are not in `inv` yet, named uniquely against it and each other. */
export function draftsFor(inv: Inventory, results: readonly ScanResult[], port: number): { drafts: Draft[]; skipped: Skipped[] } {
  const known = knownDevices(inv, port);
  const taken = new Set([...inv.switches, ...inv.upses].map((d) => d.name));
  const drafts: Draft[] = [];
  const skipped: Skipped[] = [];
  for (const r of results) {
    if (r.status !== 'found') continue;
    const k = known.get(r.address);
    if (k) {
      skipped.push({ address: r.address, reason: `already in the inventory as ${k.path[0]}[${k.path[1]}] ${k.name}` });
      continue;
    }
    const f = r.facts;
    const wanted = sanitiseName(f.sysName, f.type, r.address);
    const name = uniqueName(wanted, taken);
    taken.add(name);
    const networks = inv.networks.filter((n) => isHostIn(r.address, n.cidr));
    drafts.push({
      list: f.type === 'ups' ? 'upses' : 'switches',
      name,
      address: r.address,
      model: modelText(f.model, f.sysObjectID),
      ...(networks.length === 1 ? { network: networks[0]!.name } : {}),
      snmp: r.credential.settings,
      port,
      from: r.credential.label,
      ...(name !== wanted ? { renamed: wanted } : {}),
    });
  }
  return { drafts, skipped };
}

export type WriteOutcome = { text: string; drafts: Draft[]; skipped: Skipped[] };

/**
 * The inventory text with the scan's new devices appended, validated as a whole; unchanged text
 * and no drafts when there is nothing new. Refuses (located problems) an inventory that does not
 * validate now, or an edit that would not.
 */
export function addDiscovered(text: string, file: string, results: readonly ScanResult[], port: number): Result<WriteOutcome> {
  const inv = parseInventory(text, file);
  if (!inv.ok) return inv;
  const { drafts, skipped } = draftsFor(inv.value, results, port);
  let out = text;
  for (const list of ['switches', 'upses'] as const) {
    const mine = drafts.filter((d) => d.list === list);
    if (mine.length === 0) continue;
    const expect = (after: Inventory) => mine.every((d) => after[list].some((x) => x.name === d.name && x.address === d.address));
    const next = hasKey(out, file, list) ? appendItems(out, file, [list], mine.map(entries), expect) : appendList(out, file, list, mine, expect);
    if (!next.ok) return next;
    out = next.value;
  }
  return { ok: true, value: { text: out, drafts, skipped } };
}

function hasKey(text: string, file: string, key: string): boolean {
  const parsed = parseYaml(text, file);
  return !parsed.ok || !isMap(parsed.value.doc.contents) || parsed.value.doc.has(key);
}

/**
 * An inventory without `upses:` (or `switches:`) gets the list as a new block at the end, every
 * byte before it unchanged; the yaml printer appendItems falls back to would re-flow the file.
 */
function appendList(text: string, file: string, list: 'switches' | 'upses', drafts: readonly Draft[], expect: (inv: Inventory) => boolean): Result<string> {
  const out = `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${list}:\n${drafts.map((d) => `  - ${flowMap(entries(d))}\n`).join('')}`;
  const after = parseInventory(out, file);
  if (!after.ok) return { ok: false, problems: after.problems.map((p) => ({ ...p, message: `after the edit: ${p.message}` })) };
  if (!expect(after.value)) return { ok: false, problems: [{ code: 'edit', message: 'the edit did not produce the expected entries (unusual layout); edit the file by hand', file, path: [list] }] };
  return { ok: true, value: out };
}
