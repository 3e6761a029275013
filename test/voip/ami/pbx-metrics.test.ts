// The PBX series as a scrape shows them, for fixed states: what Prometheus and its alerts see.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../monitoring/publisher.js';
import { registerPbxMetrics } from '../../../voip/ami/pbx-metrics.js';
import { emptyPbxState, type PbxState } from '../../../voip/model/pbx.js';

const T0 = Date.parse('2026-11-24T10:00:00Z');
const up: PbxState = {
  ...emptyPbxState(),
  connection: 'connected',
  asteriskVersion: '22.10.1',
  startedAt: T0,
  reloadedAt: T0 + 60_000,
  endpoints: { '201': { name: '201', deviceState: 'NOT_INUSE', activeChannels: 0, contacts: [] } },
  registrations: {
    operator: { name: 'operator', clientUri: 'sip:4841@sip.operator.invalid:5060', serverUri: 'sip:sip.operator.invalid:5060', status: 'Registered' },
    backup: { name: 'backup', clientUri: 'sip:1@b.invalid:5060', serverUri: 'sip:b.invalid:5060', status: 'Unknown' },
  },
};

async function scrape(state: PbxState): Promise<string[]> {
  const registry = new Registry();
  registerPbxMetrics(registry, createStore(state), () => T0 + 120_000);
  return (await registry.metrics()).split('\n').filter((l) => l && !l.startsWith('#'));
}

describe('PBX series', () => {
  it('connected: uptime, reload, endpoints, and a registration only once its state is known', async () => {
    const lines = await scrape(up);
    expect(lines).toContain('asterisk_core_uptime_seconds 120');
    expect(lines).toContain('asterisk_core_last_reload_seconds 60');
    expect(lines).toContain('asterisk_endpoints_count 1');
    expect(lines.filter((l) => l.startsWith('asterisk_pjsip_outbound_registration_status'))).toEqual([
      'asterisk_pjsip_outbound_registration_status{username="sip:4841@sip.operator.invalid:5060",domain="sip:sip.operator.invalid:5060",channel_type="PJSIP"} 1',
    ]);
    expect(lines).toContain('srw_ami_up 1');
  });

  it.each(['disconnected', 'connecting', 'auth-failed'] as const)('%s: no asterisk_* sample at all (no uptime 0 to fire "Asterisk restarted")', async (connection) => {
    const lines = await scrape({ ...up, connection });
    expect(lines.filter((l) => l.startsWith('asterisk_'))).toEqual([]);
    expect(lines).toContain('srw_ami_up 0');
    expect(lines).toContain(`srw_ami_connection_state{state="${connection}"} 1`);
  });
});

describe('queue series', () => {
  const withQueues: PbxState = {
    ...up,
    queues: {
      'srw-bom': {
        name: 'srw-bom', strategy: 'rrmemory', completed: 7, abandoned: 2,
        callers: [{ uniqueid: '1.1', channel: 'PJSIP/trunk-1', callerIdNum: '600', callerIdName: '', joinedAt: T0 + 120_000 - 42_000 }, { uniqueid: '1.2', channel: 'PJSIP/trunk-2', callerIdNum: '601', callerIdName: '', joinedAt: T0 + 110_000 }],
        members: {
          'PJSIP/232': { interface: 'PJSIP/232', name: 'A', state: 'in-call', deviceState: 'INUSE', paused: false, callsTaken: 3 },
          'PJSIP/233': { interface: 'PJSIP/233', name: 'B', state: 'paused', deviceState: 'NOT_INUSE', paused: true, callsTaken: 4 },
        },
      },
      support: { name: 'support', strategy: 'ringall', completed: 0, abandoned: 0, callers: [], members: {} },
    },
  };

  it('callers, the longest wait, members by state and the PBX\'s answered/abandoned counts, labelled with the inventory name', async () => {
    const lines = await scrape(withQueues);
    expect(lines).toContain('srw_pbx_queue_callers{queue="bom"} 2');
    expect(lines).toContain('srw_pbx_queue_callers{queue="support"} 0');
    expect(lines).toContain('srw_pbx_queue_longest_wait_seconds{queue="bom"} 42');
    expect(lines).toContain('srw_pbx_queue_longest_wait_seconds{queue="support"} 0');
    expect(lines.filter((l) => l.startsWith('srw_pbx_queue_members{queue="bom"'))).toEqual([
      'srw_pbx_queue_members{queue="bom",state="available"} 0',
      'srw_pbx_queue_members{queue="bom",state="paused"} 1',
      'srw_pbx_queue_members{queue="bom",state="in-call"} 1',
      'srw_pbx_queue_members{queue="bom",state="unavailable"} 0',
    ]);
    expect(lines).toContain('srw_pbx_queue_answered_total{queue="bom"} 7');
    expect(lines).toContain('srw_pbx_queue_abandoned_total{queue="bom"} 2');
  });

  it('while disconnected no queue sample (last known counts would read as current)', async () => {
    const lines = await scrape({ ...withQueues, connection: 'disconnected' });
    expect(lines.filter((l) => l.startsWith('srw_pbx_queue'))).toEqual([]);
  });
});
