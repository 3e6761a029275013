// SnmpSession against agents on loopback: a hostile reply must fail one request, never the
// process; a closed port fails at once; PDUs are counted per scrape on a shared session.
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { ciscoAccessSwitch, startSimDevice, type SimDevice } from '../../../monitoring/lab/index.js';
import { pollOnce } from '../../../monitoring/poll/poll-once.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';
import { SnmpSession } from '../../../monitoring/snmp/session.js';
import { SnmpError } from '../../../monitoring/snmp/source.js';
import { hostileAgent, int, PDU, reply, varbind, type HostileAgent } from './hostile-agent.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

const secrets = { baseDir: process.cwd(), file: 'test.yaml', env: { C: 'public' } };
function device(port: number, over: Partial<PollDevice['snmp']> = {}): PollDevice {
  return {
    name: 'sw-test',
    type: 'switch',
    address: '127.0.0.1',
    model: 'test',
    modules: ['system', 'if_mib'],
    snmp: { version: '2c', community: { env: 'C' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port, timeoutMs: 300, retries: 1, maxRepetitions: 25, ...over },
  };
}
const agent = async (answer: Parameters<typeof hostileAgent>[0]): Promise<HostileAgent> => {
  const a = await hostileAgent(answer);
  cleanup.push(() => a.close());
  return a;
};

describe('a hostile reply fails the request, not the process', () => {
  it('a v2c Report PDU with our request id (net-snmp threw in its UDP handler): error at once, with the PDU type', async () => {
    const a = await agent((req) => (req ? [reply(req, { pdu: PDU.report, varbinds: [varbind('1.3.6.1.6.3.15.1.1.4.0', int(1))] })] : []));
    const t0 = performance.now();
    const r = await pollOnce(device(a.port, { timeoutMs: 2000 }), undefined, { secrets });
    expect(r.snapshot.status).toBe('error');
    expect(r.snapshot.reason).toMatch(/Unknown PDU type '168'/);
    // Answered, not timed out: the Report is an answer net-snmp now understands as wrong.
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});

describe('ICMP port unreachable', () => {
  it('fails the poll at once with the reason, instead of retries × timeout', async () => {
    const probe = createSocket('udp4');
    await new Promise<void>((r) => probe.bind(0, '127.0.0.1', () => r()));
    const port = probe.address().port;
    await new Promise<void>((r) => probe.close(() => r())); // nothing listens there any more
    const t0 = performance.now();
    const r = await pollOnce(device(port, { timeoutMs: 3000, retries: 2 }), undefined, { secrets });
    const ms = performance.now() - t0;
    expect(r.snapshot).toMatchObject({ status: 'error', reason: `ICMP port unreachable from 127.0.0.1:${port}: no SNMP agent listens on that port` });
    expect(ms).toBeLessThan(2000); // the old behaviour: 3 × 3000 ms
    expect(r.pdusSent).toBe(1);
  });
});

describe('per-scrape PDU counts on a shared session', () => {
  let sw: SimDevice;
  afterEach(async () => sw?.stop());

  it('each scoped view counts its own PDUs, however many scrapes run at once', async () => {
    sw = await startSimDevice(ciscoAccessSwitch(24, { sysName: 'sw-shared' }), { community: 'public' });
    // The simulated agent shares this process: a long timeout keeps a busy moment from
    // turning into retries (which would be counted, correctly, but differ between runs).
    const sw1 = device(sw.port, { timeoutMs: 5000 });
    const session = new SnmpSession({ address: '127.0.0.1', settings: sw1.snmp, credentials: {} });
    cleanup.push(() => session.close());
    const alone = await pollOnce(sw1, ['if_mib'], { source: session });
    expect(alone.snapshot.status).toBe('ok');
    const many = await Promise.all(Array.from({ length: 20 }, () => pollOnce(sw1, ['if_mib'], { source: session, limits: {} })));
    // Every concurrent scrape sends what a lone one sends (each learns the answer size with
    // one probe, as the lone one did), not the sum of everybody's.
    for (const r of many) {
      expect(r.snapshot.status).toBe('ok');
      expect(r.pdusSent - r.pdusRetried).toBe(alone.pdusSent);
      expect(r.snapshot.pdusSent).toBe(r.pdusSent);
    }
    expect(session.pdusSent).toBe(alone.pdusSent + many.reduce((n, r) => n + r.pdusSent, 0));
  });

  it('counts retries separately, per scrape', async () => {
    let n = 0;
    // Ignores every other request: each GET needs exactly one retry.
    const a = await agent((req) => (req && n++ % 2 === 1 ? [reply(req, { varbinds: req.oids.map((o) => varbind(o, int(1))) })] : []));
    const r = await pollOnce(device(a.port, { timeoutMs: 100, retries: 1 }), ['system'], { secrets, perModule: true });
    expect(r.snapshot.status).toBe('ok');
    expect(r.modules).toEqual([expect.objectContaining({ module: 'system', pdusSent: 2, pdusRetried: 1, pdusReturned: 5 })]);
  });

  it('a cancelled scope rejects at once, and the session serves the next scrape', async () => {
    const a = await agent(() => []); // never answers
    const session = new SnmpSession({ address: '127.0.0.1', settings: device(a.port, { timeoutMs: 5000, retries: 0 }).snmp, credentials: {} });
    cleanup.push(() => session.close());
    const ctl = new AbortController();
    const pending = session.scoped(ctl.signal).get(['1.3.6.1.2.1.1.3.0']);
    ctl.abort(new SnmpError('cancelled', 'client went away'));
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled', message: 'client went away' });
  });
});
