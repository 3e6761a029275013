// Drift findings that appeared or cleared between two evaluations, as event-list entries.
import type { NewEvent } from '../events/event.js';
import type { Drift } from './drift.js';

const keyOf = (d: Drift) => `${d.device}\0${d.port}\0${d.kind}\0${d.found?.sysName ?? ''}\0${d.expected?.sysName ?? ''}`;

export function driftEvents(prev: readonly Drift[], next: readonly Drift[], at: number): NewEvent[] {
  const before = new Set(prev.map(keyOf));
  const after = new Set(next.map(keyOf));
  return [
    ...next.filter((d) => !before.has(keyOf(d))).map((d): NewEvent => ({ at, kind: 'topology', severity: d.kind === 'new' ? 'critical' : 'warning', source: d.device, port: d.port, summary: `drift: ${d.summary}` })),
    ...prev.filter((d) => !after.has(keyOf(d))).map((d): NewEvent => ({ at, kind: 'topology', severity: 'info', source: d.device, port: d.port, summary: `drift cleared: ${d.summary}` })),
  ];
}
