// The call flows as a graph: every destination written in pbx.callFlows is an edge from the
// node it belongs to (a schedule, menu, ring group, queue or inbound route) to its target, with
// the YAML path where it is written. The loader's checks (references, loops) walk these edges.
import type { CallFlows, Destination, DestinationKind } from './callflow-schema.js';
import { DESTINATION_KINDS } from './callflow-schema.js';

export type FlowNodeKind = 'schedule' | 'menu' | 'ringGroup' | 'queue';
export type FlowNode = { [K in FlowNodeKind]: { kind: K; name: string } }[FlowNodeKind];
export type Target = FlowNode | { kind: 'extension'; number: string } | { kind: 'voicemail'; number: string } | { kind: 'hangup' };

export type Path = (string | number)[];

export type Edge = {
  /** undefined: an inbound route (where calls enter). */
  from?: FlowNode;
  to: Target;
  /** YAML path of the destination. */
  path: Path;
  /** true: taken without the caller pressing anything (a schedule branch, a fallback, a menu's timeout). */
  auto: boolean;
  /** How the edge reads in a message: "on timeout", "option 1", "closed". */
  label: string;
};

export function targetOf(d: Destination): Target {
  const kind = DESTINATION_KINDS.find((k) => d[k] !== undefined) as DestinationKind | undefined;
  switch (kind) {
    case 'extension':
      return { kind, number: d.extension! };
    case 'voicemail':
      return { kind, number: d.voicemail! };
    case 'ringGroup':
      return { kind, name: d.ringGroup! };
    case 'queue':
      return { kind, name: d.queue! };
    case 'menu':
      return { kind, name: d.menu! };
    case 'schedule':
      return { kind, name: d.schedule! };
    default:
      return { kind: 'hangup' };
  }
}

const LABEL: Record<FlowNodeKind, string> = { schedule: 'schedule', menu: 'menu', ringGroup: 'ring group', queue: 'queue' };

export function describeNode(n: FlowNode): string {
  return `${LABEL[n.kind]} ${n.name}`;
}

export function describeTarget(t: Target): string {
  if (t.kind === 'hangup') return 'hang up';
  if (t.kind === 'extension') return `extension ${t.number}`;
  if (t.kind === 'voicemail') return `the mailbox of ${t.number}`;
  return describeNode(t);
}

export const nodeKey = (n: FlowNode | Target): string => ('name' in n ? `${n.kind}:${n.name}` : 'number' in n ? `${n.kind}:${n.number}` : n.kind);

export function callFlowEdges(cf: CallFlows): Edge[] {
  const base: Path = ['pbx', 'callFlows'];
  const edges: Edge[] = [];
  const add = (from: FlowNode | undefined, d: Destination, path: Path, auto: boolean, label: string) => edges.push({ ...(from ? { from } : {}), to: targetOf(d), path, auto, label });
  cf.inbound.forEach((r, i) => add(undefined, r.to, [...base, 'inbound', i, 'to'], true, `inbound route of ${r.trunk}${r.did ? ` for ${r.did}` : ''}`));
  cf.schedules.forEach((s, i) => {
    const from: FlowNode = { kind: 'schedule', name: s.name };
    add(from, s.open, [...base, 'schedules', i, 'open'], true, 'open');
    add(from, s.closed, [...base, 'schedules', i, 'closed'], true, 'closed');
    if (s.holiday) add(from, s.holiday, [...base, 'schedules', i, 'holiday'], true, 'holiday');
  });
  cf.menus.forEach((m, i) => {
    const from: FlowNode = { kind: 'menu', name: m.name };
    for (const [key, d] of Object.entries(m.options)) add(from, d, [...base, 'menus', i, 'options', key], false, `option ${key}`);
    add(from, m.onTimeout, [...base, 'menus', i, 'onTimeout'], true, 'on timeout');
    add(from, m.onInvalid, [...base, 'menus', i, 'onInvalid'], false, 'after wrong keys');
  });
  cf.ringGroups.forEach((g, i) => add({ kind: 'ringGroup', name: g.name }, g.fallback, [...base, 'ringGroups', i, 'fallback'], true, 'fallback'));
  cf.queues.forEach((q, i) => add({ kind: 'queue', name: q.name }, q.fallback, [...base, 'queues', i, 'fallback'], true, 'fallback'));
  return edges;
}
