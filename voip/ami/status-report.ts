// `srw voip status` as data: the PBX state joined with the inventory (display names,
// departments, trunk names). Pure, so the command only prints and tests compare JSON.
import type { Pbx } from '../../infra/inventory/index.js';
import type { Contact, DeviceState, PbxState } from '../model/pbx.js';
import { callsOf } from './pbx-state.js';

export type StatusReport = {
  pbx: { host: string; address: string; port: number; user: string };
  mode: PbxState['mode'];
  connection: PbxState['connection'];
  asteriskVersion?: string;
  amiVersion?: string;
  startedAt?: string;
  reloadedAt?: string;
  cannotSee: string[];
  /** Phones by number; a trunk's own endpoint carries `trunk` (its name in the inventory). */
  endpoints: Array<{ number: string; name?: string; department?: string; trunk?: string; inInventory: boolean; deviceState: DeviceState; registered: boolean; contacts: Contact[]; activeChannels: number }>;
  trunks: Array<{ name: string; status: string; serverUri?: string; clientUri?: string; inInventory: boolean }>;
  /** Inventory extensions the PBX does not know (not applied yet, or removed by hand). */
  missingOnPbx: string[];
  calls: Array<{ id: string; parties: Array<{ number: string; name?: string }>; state: 'ringing' | 'up'; bridged: boolean; startedAt: string; seconds: number; channels: string[] }>;
  lastError?: string;
};

/** Dates from the PBX's data, never a throw: one JavaScript cannot print is left out. */
const iso = (t: number | undefined) => (t === undefined || !Number.isFinite(t) || Math.abs(t) > 8.64e15 ? undefined : new Date(t).toISOString());

export function statusReport(state: PbxState, pbx: Pbx, now = Date.now()): StatusReport {
  const byNumber = new Map(pbx.extensions.map((e) => [e.number, e]));
  // voip/extensions/pjsip.ts names a trunk's endpoint after the trunk.
  const trunkNames = new Set(pbx.trunks.map((t) => t.name));
  const names = new Set([...Object.keys(state.endpoints), ...(state.connection === 'connected' ? [] : byNumber.keys())]);
  const endpoints = [...names]
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((n) => {
      const ep = state.endpoints[n];
      const inv = byNumber.get(n);
      const contacts = ep?.contacts ?? [];
      const trunk = trunkNames.has(n) ? n : undefined;
      return {
        number: n,
        ...(inv ? { name: inv.name, department: inv.department } : {}),
        ...(trunk !== undefined ? { trunk } : {}),
        inInventory: inv !== undefined || trunk !== undefined,
        deviceState: ep?.deviceState ?? ('UNKNOWN' as DeviceState),
        registered: ep ? ep.deviceState !== 'UNAVAILABLE' && ep.deviceState !== 'UNKNOWN' && ep.deviceState !== 'INVALID' : false,
        contacts,
        activeChannels: ep?.activeChannels ?? 0,
      };
    });
  const regs = Object.values(state.registrations);
  const connected = state.connection === 'connected';
  // `srw voip render` names a trunk's registration section `<trunk>-reg` (voip/extensions/pjsip.ts).
  const regOf = (name: string) => state.registrations[name] ?? state.registrations[`${name}-reg`];
  const trunks = [
    ...pbx.trunks.map((t) => {
      const r = regOf(t.name);
      const status = r?.status ?? (!t.register ? 'NotRegistering' : connected ? 'NotOnPbx' : 'Unknown');
      return { name: t.name, status, ...(r ? { serverUri: r.serverUri, clientUri: r.clientUri } : {}), inInventory: true };
    }),
    ...regs.filter((r) => !pbx.trunks.some((t) => regOf(t.name) === r)).map((r) => ({ name: r.name, status: r.status, serverUri: r.serverUri, clientUri: r.clientUri, inInventory: false })),
  ];
  const missingOnPbx = connected ? pbx.extensions.map((e) => e.number).filter((n) => !state.endpoints[n]) : [];
  const calls = callsOf(state).map((c) => ({
    id: c.id,
    parties: c.parties.map((p) => ({ number: p, ...(byNumber.get(p) ? { name: byNumber.get(p)!.name } : {}) })),
    state: c.state,
    bridged: c.bridged,
    startedAt: iso(c.startedAt) ?? '',
    seconds: Math.max(0, Math.floor((now - c.startedAt) / 1000)),
    channels: c.channels,
  }));
  return {
    pbx: { host: pbx.host, address: pbx.ami.address, port: pbx.ami.port, user: pbx.ami.monitor.user },
    mode: state.mode,
    connection: state.connection,
    ...(state.asteriskVersion ? { asteriskVersion: state.asteriskVersion } : {}),
    ...(state.amiVersion ? { amiVersion: state.amiVersion } : {}),
    ...(state.startedAt !== undefined ? { startedAt: iso(state.startedAt) } : {}),
    ...(state.reloadedAt !== undefined ? { reloadedAt: iso(state.reloadedAt) } : {}),
    cannotSee: state.limitations,
    endpoints,
    trunks,
    missingOnPbx,
    calls,
    ...(state.lastError ? { lastError: state.lastError } : {}),
  };
}

/** Plain-text rendering for the terminal. */
export function formatStatus(r: StatusReport): string {
  const lines: string[] = [];
  lines.push(`PBX ${r.pbx.host} (${r.pbx.address}:${r.pbx.port}) as ${r.pbx.user}: ${r.connection}, mode ${r.mode}${r.asteriskVersion ? `, Asterisk ${r.asteriskVersion}` : ''}${r.amiVersion ? ` (AMI ${r.amiVersion})` : ''}`);
  if (r.startedAt) lines.push(`  up since ${r.startedAt}${r.reloadedAt ? `, last reload ${r.reloadedAt}` : ''}`);
  const reg = r.endpoints.filter((e) => e.registered).length;
  lines.push('', `Endpoints (${reg}/${r.endpoints.length} available):`);
  for (const e of r.endpoints) {
    const who = e.name ? (e.department ? `${e.name} — ${e.department}` : e.name) : e.trunk !== undefined ? `trunk ${e.trunk}` : '(not in inventory)';
    const contact = e.contacts.map((c) => `${c.uri} ${c.status}${c.roundTripUsec !== undefined ? ` ${(c.roundTripUsec / 1000).toFixed(1)} ms` : ''}`).join(', ');
    lines.push(`  ${e.number.padEnd(6)} ${e.deviceState.padEnd(11)} ${who}${e.activeChannels ? `  [${e.activeChannels} ch]` : ''}${contact ? `\n         ${contact}` : ''}`);
  }
  if (r.missingOnPbx.length) lines.push(`  in the inventory but not on the PBX (${r.missingOnPbx.length}): ${r.missingOnPbx.join(', ')} (srw voip apply)`);
  lines.push('', `Trunks (${r.trunks.length}):`);
  for (const t of r.trunks) lines.push(`  ${t.name.padEnd(20)} ${t.status}${t.serverUri ? `  ${t.serverUri}` : ''}`);
  if (!r.trunks.length) lines.push('  none');
  lines.push('', `Calls (${r.calls.length}):`);
  for (const c of r.calls) lines.push(`  ${c.parties.map((p) => (p.name ? `${p.number} ${p.name}` : p.number)).join(' → ')}  ${c.state}${c.bridged ? ', bridged' : ''}, ${c.seconds} s`);
  if (!r.calls.length) lines.push('  none');
  if (r.cannotSee.length) {
    lines.push('', `Not visible in ${r.mode} mode:`);
    for (const l of r.cannotSee) lines.push(`  - ${l}`);
  }
  if (r.lastError) lines.push('', `last error: ${r.lastError}`);
  return lines.join('\n') + '\n';
}
