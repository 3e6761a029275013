// PBX series for the exporter, computed from the published PbxState at collect time (never
// pushed between scrapes). Names and labels follow Asterisk's own res_prometheus
// (test/fixtures/ami-transcripts/res_prometheus/*.txt) so its Grafana dashboards work; differences:
// - no `eid` label: AMI does not tell us the entity id;
// - res_prometheus types asterisk_core_uptime_seconds / _last_reload_seconds and
//   asterisk_core_properties as counters without `_total` (a promtool lint); an uptime is a level
//   and properties is an info series: gauges here. asterisk_core_properties has only `version`:
//   the build_* labels are not available over AMI;
// - promtool still lints the six res_prometheus `*_count` gauges (asterisk_channels_count …);
//   the names stay, for the dashboards (test/e2e/voip-metrics.test.ts pins exactly that);
// - asterisk_calls_sum is left out: AMI has no total-calls counter that survives our reconnects;
// - asterisk_endpoints_count counts the endpoints srw knows of (device states, hints, channels;
//   in system mode PJSIPShowEndpoints): in least-privilege mode a trunk's endpoint that has never
//   had a device state is not counted, where res_prometheus counts every configured endpoint.
// Like res_prometheus, asterisk_pjsip_outbound_registration_status exists once a Registry event
// has told the registration's state (both learn it from the same Registry messages).
// While srw is not connected to the PBX no asterisk_* series is exported at all: zeros would
// read as "Asterisk just restarted" and fire the usual alerts (issue 10, item 11).
// Series without a res_prometheus equivalent are srw_*.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Store } from '../../monitoring/publisher.js';
import type { DeviceState, PbxState, Queue, QueueMemberState } from '../model/pbx.js';
import { callsOf } from './pbx-state.js';
import { longestWaitSeconds, queueLabel } from './queue-state.js';

const MEMBER_STATES: QueueMemberState[] = ['available', 'paused', 'in-call', 'unavailable'];

/** res_prometheus asterisk_channels_state numbering (0=down … 6=up …). */
const CHANNEL_STATE: Record<string, number> = { Down: 0, Rsrvd: 1, OffHook: 2, Dialing: 3, Ring: 4, Ringing: 5, Up: 6, Busy: 7, 'Dialing Offhook': 8, 'Pre-ring': 9 };
/** asterisk_endpoints_state: 0=unknown; 1=offline; 2=online. */
function endpointState(d: DeviceState): number {
  if (d === 'UNAVAILABLE') return 1;
  if (d === 'UNKNOWN' || d === 'INVALID') return 0;
  return 2;
}
/** asterisk_pjsip_outbound_registration_status: 0=unregistered; 1=registered; 2=rejected. */
const REGISTRATION: Record<string, number> = { Registered: 1, Rejected: 2 };
const CONNECTIONS: PbxState['connection'][] = ['connecting', 'connected', 'disconnected', 'auth-failed'];

export type PbxMetrics = {
  /** Feed from PbxMonitor's onActionLatency. */
  observeAction(action: string, seconds: number, ok: boolean): void;
};

export function registerPbxMetrics(registry: Registry, store: Store<PbxState>, now: () => number = Date.now): PbxMetrics {
  const registers = [registry];
  const state = () => store.getSnapshot();
  const connected = (s: PbxState) => s.connection === 'connected';
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge<string>, s: PbxState) => void) => {
    const g = new Gauge({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        fill(this, state());
      },
    });
    // PBX series (asterisk_*) have no sample while disconnected, not even the 0 an unlabelled
    // prom-client gauge reports after reset().
    if (name.startsWith('asterisk_')) {
      const get = g.get.bind(g);
      g.get = async () => {
        const r = await get();
        return connected(state()) ? r : { ...r, values: [] };
      };
    }
    return g;
  };

  gauge('srw_ami_up', 'Whether srw is logged in to the PBX over AMI (1) or not (0).', [], (g, s) => g.set(connected(s) ? 1 : 0));
  gauge('srw_ami_connection_state', 'AMI connection state of srw (1 for the current state).', ['state'], (g, s) => CONNECTIONS.forEach((c) => g.set({ state: c }, s.connection === c ? 1 : 0)));
  gauge('srw_pbx_mode_info', 'Which AMI privilege mode the PBX state is built in (value always 1).', ['mode'], (g, s) => g.set({ mode: s.mode }, 1));
  gauge('srw_ami_last_event_age_seconds', 'Seconds since the last AMI event changed the PBX state.', [], (g, s) => s.lastEventAt !== undefined && g.set((now() - s.lastEventAt) / 1000));

  gauge('asterisk_core_uptime_seconds', 'Asterisk instance uptime in seconds.', [], (g, s) => connected(s) && s.startedAt !== undefined && g.set(Math.floor((now() - s.startedAt) / 1000)));
  gauge('asterisk_core_last_reload_seconds', 'Time since last Asterisk reload in seconds.', [], (g, s) => connected(s) && s.reloadedAt !== undefined && g.set(Math.floor((now() - s.reloadedAt) / 1000)));
  gauge('asterisk_core_properties', 'Asterisk instance properties. The value of this will always be 1.', ['version'], (g, s) => s.asteriskVersion && g.set({ version: s.asteriskVersion }, 1));

  const channels = (s: PbxState) => (connected(s) ? Object.values(s.channels) : []);
  gauge('asterisk_channels_count', 'Current channel count.', [], (g, s) => connected(s) && g.set(channels(s).length));
  gauge('asterisk_channels_state', 'Individual channel states. 0=down; 1=reserved; 2=offhook; 3=dialing; 4=ring; 5=ringing; 6=up; 7=busy; 8=dialing_offhook; 9=prering.', ['name', 'id', 'type', 'linkedid'], (g, s) => {
    for (const c of channels(s)) g.set({ name: c.name, id: c.uniqueid, type: c.name.split('/')[0] ?? '', linkedid: c.linkedid }, CHANNEL_STATE[c.state] ?? 0);
  });
  gauge('asterisk_channels_duration_seconds', 'Individual channel durations (in seconds).', ['name', 'id', 'type', 'linkedid'], (g, s) => {
    for (const c of channels(s)) g.set({ name: c.name, id: c.uniqueid, type: c.name.split('/')[0] ?? '', linkedid: c.linkedid }, Math.max(0, Math.floor((now() - c.createdAt) / 1000)));
  });
  gauge('asterisk_calls_count', 'Current call count.', [], (g, s) => connected(s) && g.set(callsOf(s).length));
  gauge('asterisk_bridges_count', 'Current bridge count.', [], (g, s) => connected(s) && g.set(new Set(channels(s).flatMap((c) => (c.bridgeId ? [c.bridgeId] : []))).size));

  const endpoints = (s: PbxState) => (connected(s) ? Object.values(s.endpoints).sort((a, b) => a.name.localeCompare(b.name)) : []);
  const epLabels = (name: string) => ({ id: `PJSIP/${name}`, tech: 'PJSIP', resource: name });
  gauge('asterisk_endpoints_count', 'Current endpoint count.', [], (g, s) => connected(s) && g.set(endpoints(s).length));
  gauge('asterisk_endpoints_state', 'Individual endpoint states. 0=unknown; 1=offline; 2=online.', ['id', 'tech', 'resource'], (g, s) => endpoints(s).forEach((e) => g.set(epLabels(e.name), endpointState(e.deviceState))));
  gauge('asterisk_endpoints_channels_count', 'Count of the number of channels currently existing that are associated with the endpoint.', ['id', 'tech', 'resource'], (g, s) =>
    endpoints(s).forEach((e) => g.set(epLabels(e.name), e.activeChannels)),
  );
  gauge('srw_pbx_contact_roundtrip_seconds', 'Qualify round-trip time of each registered contact, as of its last ContactStatus.', ['endpoint', 'uri'], (g, s) => {
    for (const e of endpoints(s)) for (const c of e.contacts) if (c.roundTripUsec !== undefined) g.set({ endpoint: e.name, uri: c.uri }, c.roundTripUsec / 1e6);
  });
  gauge('srw_pbx_contacts', 'Registered contacts per endpoint and status.', ['endpoint', 'status'], (g, s) => {
    for (const e of endpoints(s)) for (const c of e.contacts) g.inc({ endpoint: e.name, status: c.status });
  });
  gauge('asterisk_bridges_channels_count', 'Number of channels in the bridge.', ['id', 'tech', 'subclass', 'creator', 'name'], (g, s) => {
    const members = new Map<string, number>();
    for (const c of channels(s)) if (c.bridgeId) members.set(c.bridgeId, (members.get(c.bridgeId) ?? 0) + 1);
    for (const [id, n] of members) {
      const b = s.bridges?.[id];
      g.set({ id, tech: b?.technology ?? '', subclass: b?.type ?? '', creator: b?.creator ?? '', name: b?.name ?? '' }, n);
    }
  });
  gauge('asterisk_pjsip_outbound_registration_status', 'Current registration status. 0=Unregistered; 1=Registered; 2=Rejected.', ['username', 'domain', 'channel_type'], (g, s) => {
    for (const r of Object.values(s.registrations)) if (r.status !== 'Unknown') g.set({ username: r.clientUri, domain: r.serverUri, channel_type: 'PJSIP' }, REGISTRATION[r.status] ?? 0);
  });

  // Queues (res_prometheus has none). `queue` is the inventory's name (`bom` for srw-bom), the
  // PBX's own name for queues srw did not render (queue-state.ts queueLabel).
  const queues = (s: PbxState): Array<[string, Queue]> => {
    if (!connected(s) || !s.queues) return [];
    const all = Object.values(s.queues);
    const names = new Set(all.map((q) => q.name));
    return all.map((q): [string, Queue] => [queueLabel(q.name, names), q]).sort(([a], [b]) => a.localeCompare(b));
  };
  gauge('srw_pbx_queue_callers', 'Callers waiting in the queue.', ['queue'], (g, s) => queues(s).forEach(([queue, q]) => g.set({ queue }, q.callers.length)));
  gauge('srw_pbx_queue_longest_wait_seconds', 'How long the caller first in line has waited (0 with nobody waiting).', ['queue'], (g, s) =>
    queues(s).forEach(([queue, q]) => g.set({ queue }, longestWaitSeconds(q, now()))),
  );
  gauge('srw_pbx_queue_members', 'Queue members by state: available, paused, in-call (ringing or talking), unavailable.', ['queue', 'state'], (g, s) => {
    for (const [queue, q] of queues(s)) {
      const n = new Map<QueueMemberState, number>(MEMBER_STATES.map((st) => [st, 0]));
      for (const m of Object.values(q.members)) n.set(m.state, n.get(m.state)! + 1);
      for (const [state, v] of n) g.set({ queue, state }, v);
    }
  });
  // The PBX's own counts (QueueParams Completed/Abandoned): they start again at 0 when app_queue
  // does (restart, QueueReset), which Prometheus reads as a counter reset.
  const pbxCounter = (name: string, help: string, value: (q: Queue) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['queue'],
      registers,
      collect() {
        this.reset();
        for (const [queue, q] of queues(state())) this.inc({ queue }, value(q));
      },
    });
  pbxCounter('srw_pbx_queue_answered_total', 'Queue calls answered by a member and finished, as counted by app_queue (Completed).', (q) => q.completed);
  pbxCounter('srw_pbx_queue_abandoned_total', 'Callers who hung up while waiting in the queue, as counted by app_queue (Abandoned).', (q) => q.abandoned);

  const latency = new Histogram({
    name: 'srw_ami_action_duration_seconds',
    help: 'Time from sending an AMI action to its complete answer (list actions: the Complete event).',
    labelNames: ['action', 'result'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  return { observeAction: (action, seconds, ok) => latency.observe({ action, result: ok ? 'ok' : 'error' }, seconds) };
}
