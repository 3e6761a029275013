// `srw voip status` text and data for fixed PBX states: what a telecom admin reads.
import { describe, expect, it } from 'vitest';
import { pbxSchema, type Pbx } from '../../../infra/inventory/index.js';
import { LIMITATIONS } from '../../../voip/ami/pbx-state.js';
import { formatStatus, statusReport } from '../../../voip/ami/status-report.js';
import { emptyPbxState, type PbxState } from '../../../voip/model/pbx.js';

const pbx: Pbx = pbxSchema.parse({
  host: 'pbx',
  ami: { address: '10.0.40.5', monitor: { user: 'srw-monitor', secret: { env: 'X' } } },
  extensionRange: { from: 200, to: 299 },
  trunks: [{ name: 'operator', host: 'sip.operator.invalid', username: '4841', secret: { env: 'T' } }],
  extensions: [
    { number: 201, name: 'Anna Kowalska', department: 'Sekretariat' },
    { number: 202, name: 'Marek Nowak', department: 'Podatki' },
    { number: 203, name: 'Ewa Wiśniewska', department: 'Podatki' },
  ],
});
const T0 = Date.parse('2026-11-24T10:00:00Z');

const state: PbxState = {
  ...emptyPbxState(),
  connection: 'connected',
  limitations: LIMITATIONS['least-privilege'],
  asteriskVersion: '22.10.1',
  amiVersion: '11.0.0',
  startedAt: T0,
  reloadedAt: T0,
  endpoints: {
    '201': { name: '201', deviceState: 'INUSE', activeChannels: 1, contacts: [{ uri: 'sip:201@10.0.40.21:5060', status: 'Reachable', roundTripUsec: 1834 }] },
    '202': { name: '202', deviceState: 'INUSE', activeChannels: 1, contacts: [] },
    '299': { name: '299', deviceState: 'UNAVAILABLE', activeChannels: 0, contacts: [] },
    operator: { name: 'operator', deviceState: 'NOT_INUSE', activeChannels: 0, contacts: [] },
  },
  registrations: { operator: { name: 'operator', serverUri: 'sip:sip.operator.invalid', clientUri: 'sip:4841@sip.operator.invalid', status: 'Registered' } },
  channels: {
    'a.1': { name: 'PJSIP/201-00000001', uniqueid: 'a.1', linkedid: 'a.1', endpoint: '201', callerIdNum: '201', callerIdName: 'Anna', connectedNum: '202', connectedName: 'Marek', state: 'Up', bridgeId: 'b', createdAt: T0 + 1000 },
    'a.2': { name: 'PJSIP/202-00000002', uniqueid: 'a.2', linkedid: 'a.1', endpoint: '202', callerIdNum: '202', callerIdName: 'Marek', connectedNum: '201', connectedName: 'Anna', state: 'Up', bridgeId: 'b', createdAt: T0 + 1200 },
  },
};

describe('srw voip status report', () => {
  it('joins the PBX state with the inventory', () => {
    const r = statusReport(state, pbx, T0 + 61_000);
    expect(r.endpoints.map((e) => [e.number, e.name ?? null, e.inInventory, e.registered])).toEqual([
      ['201', 'Anna Kowalska', true, true], ['202', 'Marek Nowak', true, true], ['299', null, false, false], ['operator', null, true, true],
    ]);
    // The trunk's own endpoint is the inventory's trunk, not a stranger (issue 10, item 8).
    expect(r.endpoints.find((e) => e.number === 'operator')).toMatchObject({ trunk: 'operator', inInventory: true });
    expect(r.missingOnPbx).toEqual(['203']);
    expect(r.trunks).toEqual([{ name: 'operator', status: 'Registered', serverUri: 'sip:sip.operator.invalid', clientUri: 'sip:4841@sip.operator.invalid', inInventory: true }]);
    expect(r.calls).toEqual([{ id: 'a.1', parties: [{ number: '201', name: 'Anna Kowalska' }, { number: '202', name: 'Marek Nowak' }], state: 'up', bridged: true, startedAt: '2026-11-24T10:00:01.000Z', seconds: 60, channels: ['PJSIP/201-00000001', 'PJSIP/202-00000002'] }]);
  });

  it('prints endpoints, contacts, trunks, calls and what the mode cannot see', () => {
    expect(formatStatus(statusReport(state, pbx, T0 + 61_000))).toMatchInlineSnapshot(`
      "PBX pbx (10.0.40.5:5038) as srw-monitor: connected, mode least-privilege, Asterisk 22.10.1 (AMI 11.0.0)
        up since 2026-11-24T10:00:00.000Z, last reload 2026-11-24T10:00:00.000Z

      Endpoints (3/4 available):
        201    INUSE       Anna Kowalska — Sekretariat  [1 ch]
               sip:201@10.0.40.21:5060 Reachable 1.8 ms
        202    INUSE       Marek Nowak — Podatki  [1 ch]
        299    UNAVAILABLE (not in inventory)
        operator NOT_INUSE   trunk operator
        in the inventory but not on the PBX (1): 203 (srw voip apply)

      Trunks (1):
        operator             Registered  sip:sip.operator.invalid

      Calls (1):
        201 Anna Kowalska → 202 Marek Nowak  up, bridged, 60 s

      Not visible in least-privilege mode:
        - contacts registered before srw connected are not listed (PJSIPShowContacts needs write=system); each appears with its address when it next changes state or re-registers
        - qualify round-trip times are only known when a contact changes status (ContactStatus), not measured periodically
        - endpoint configuration (PJSIPShowEndpoints/PJSIPShowEndpoint needs write=system); endpoints are known from device states and hints
        - trunk registration state is learned from Registry events (at the next REGISTER or its refresh); srw does not ask PJSIPShowRegistrationsOutbound, whose answer carries the trunk password
      "
    `);
  });

  it('while disconnected it lists the inventory and the last error, and invents no states', () => {
    const r = statusReport({ ...emptyPbxState(), connection: 'disconnected', lastError: 'cannot reach AMI at 10.0.40.5:5038: connect ECONNREFUSED' }, pbx);
    expect(r.endpoints.map((e) => [e.number, e.deviceState])).toEqual([['201', 'UNKNOWN'], ['202', 'UNKNOWN'], ['203', 'UNKNOWN']]);
    expect(r.missingOnPbx).toEqual([]);
    expect(r.trunks[0]!.status).toBe('Unknown');
    expect(formatStatus(r)).toContain('last error: cannot reach AMI at 10.0.40.5:5038');
  });
});
