// PBX registrations and trunk changes as event-list entries: the difference between two
// PbxStates that voip/ami/pbx-state.ts published. Lives in cli/ because monitoring/ (the event
// stream) never imports voip/; this is where the two meet, as for /metrics.
import type { NewEvent } from '../monitoring/events/index.js';
import { printable } from '../monitoring/events/index.js';
import type { Contact, PbxState } from '../voip/model/pbx.js';

const reachable = (c: Contact) => c.status !== 'Unreachable';
const hostOf = (uri: string) => printable(uri.replace(/^sips?:/, '').replace(/^[^@]*@/, '').replace(/;.*$/, ''), 60);

export function pbxEvents(prev: PbxState, next: PbxState, at: number): NewEvent[] {
  const out: NewEvent[] = [];
  const ev = (severity: NewEvent['severity'], summary: string): NewEvent => ({ at, kind: 'pbx', severity, source: 'pbx', summary: printable(summary, 300) });
  if (prev.connection !== next.connection && prev.connection !== 'connecting') {
    if (next.connection === 'connected') out.push(ev('info', 'AMI connected again'));
    else if (prev.connection === 'connected') out.push(ev('critical', `AMI ${next.connection}${next.lastError ? `: ${next.lastError}` : ''}`));
  }
  if (next.connection !== 'connected') return out;
  for (const [name, ep] of Object.entries(next.endpoints)) {
    const was = prev.endpoints[name];
    const before = new Map((was?.contacts ?? []).map((c) => [c.uri, c]));
    const after = new Map(ep.contacts.map((c) => [c.uri, c]));
    for (const [uri, c] of after) {
      const b = before.get(uri);
      if (!b) out.push(ev('info', `${printable(name)} registered from ${hostOf(uri)}${c.userAgent ? ` (${printable(c.userAgent, 60)})` : ''}`));
      else if (reachable(b) !== reachable(c)) out.push(ev(reachable(c) ? 'info' : 'warning', `${printable(name)} ${reachable(c) ? 'reachable again' : 'unreachable'} at ${hostOf(uri)}`));
    }
    for (const uri of before.keys()) if (!after.has(uri)) out.push(ev('info', `${printable(name)} unregistered (${hostOf(uri)})`));
  }
  for (const [name, r] of Object.entries(next.registrations)) {
    const was = prev.registrations[name];
    if (was?.status === r.status) continue;
    if (!was && r.status === 'Registered') {
      out.push(ev('info', `trunk ${printable(name)} registered to ${printable(r.serverUri, 80)}`));
      continue;
    }
    out.push(ev(r.status === 'Registered' ? 'info' : 'critical', `trunk ${printable(name)} ${was ? `${was.status} → ` : ''}${r.status}`));
  }
  return out;
}
