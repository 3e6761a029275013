// Faults a poll must survive with a status, a reason and a log line naming the device — never
// a crash or a hang: no agent, an agent that never answers, garbage, truncated or wrong-type
// packets from a tiny UDP server written here, a UPS without ifXTable, unresolvable secrets.
import { createSocket, type Socket } from 'node:dgram';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pollOnce, type PollLogger } from '../../../monitoring/poll/poll-once.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';
import { SnmprecSource } from '../../../monitoring/lab/snmprec-source.js';
import { SNMPREC_TAG, requireSnmprecDir } from '../../helpers/snmprec.js';

const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

/** A UDP "agent" on an ephemeral loopback port that answers each request with reply(request). */
async function udpAgent(reply: (req: Buffer) => Buffer | undefined): Promise<{ port: number; received: () => number }> {
  const sock = createSocket('udp4');
  sockets.push(sock);
  let n = 0;
  sock.on('message', (msg, rinfo) => {
    n++;
    const out = reply(msg);
    if (out) sock.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  return { port: sock.address().port, received: () => n };
}

function device(port: number, over: Partial<PollDevice['snmp']> = {}): PollDevice {
  return {
    name: 'sw-test',
    type: 'switch',
    address: '127.0.0.1',
    model: 'test',
    modules: ['system', 'if_mib'],
    snmp: { version: '2c', community: { env: 'SRW_TEST_COMMUNITY' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port, timeoutMs: 150, retries: 1, maxRepetitions: 25, ...over },
  };
}

function recorder(): PollLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) };
}

const secrets = { baseDir: process.cwd(), file: 'test.yaml', env: { SRW_TEST_COMMUNITY: 'sekret-community' } };

describe('poll faults', () => {
  it('no agent at all (the host answers ICMP port unreachable): error at once, with a reason and a log line', async () => {
    const probe = createSocket('udp4');
    await new Promise<void>((r) => probe.bind(0, '127.0.0.1', () => r()));
    const port = probe.address().port;
    probe.close(); // nothing listens there any more
    const log = recorder();
    const r = await pollOnce(device(port), undefined, { secrets, logger: log });
    expect(r.snapshot.status).toBe('error');
    expect(r.snapshot.reason).toBe(`ICMP port unreachable from 127.0.0.1:${port}: no SNMP agent listens on that port`);
    expect(r.pdusSent).toBe(1); // no retry: the kernel said why
    expect(log.lines.some((l) => l.startsWith('warn snmp sw-test: error (ICMP port unreachable'))).toBe(true);
  });

  it('an agent that ignores us (v2c wrong community looks the same): timeout after the retries, with a reason and a log line', async () => {
    const agent = await udpAgent(() => undefined);
    const log = recorder();
    const r = await pollOnce(device(agent.port), undefined, { secrets, logger: log });
    expect(r.snapshot.status).toBe('timeout');
    expect(r.snapshot.reason).toMatch(/^no answer .*\(2 × 150 ms; unreachable, or wrong community\)$/);
    expect(r.pdusSent).toBe(2); // the request and its one retry
    expect(agent.received()).toBe(2);
    expect(log.lines.some((l) => l.startsWith('warn snmp sw-test: timeout'))).toBe(true);
  });

  it('garbage replies: timeout that says the replies did not parse', async () => {
    const agent = await udpAgent(() => Buffer.from('this is not BER at all \x00\xff\x30\x82'));
    const r = await pollOnce(device(agent.port), undefined, { secrets });
    expect(r.snapshot.status).toBe('timeout');
    expect(r.snapshot.reason).toMatch(/unparsable replies/);
  });

  it('truncated replies: timeout, no crash', async () => {
    const agent = await udpAgent((req) => req.subarray(0, Math.floor(req.length / 2)));
    const r = await pollOnce(device(agent.port), undefined, { secrets });
    expect(r.snapshot.status).toBe('timeout');
  });

  it('a well-formed packet of the wrong kind (our request echoed back): error with a reason', async () => {
    const agent = await udpAgent((req) => req);
    const r = await pollOnce(device(agent.port), undefined, { secrets });
    expect(r.snapshot.status).toBe('error');
    expect(r.snapshot.reason).toMatch(/invalid answer|PDU/i);
  });

  it('never puts the community into the reason or the log', async () => {
    const agent = await udpAgent(() => Buffer.from([0x30, 0x03, 0x02, 0x01]));
    const log = recorder();
    const r = await pollOnce(device(agent.port), undefined, { secrets, logger: log });
    expect(JSON.stringify(r.snapshot) + log.lines.join('\n')).not.toContain('sekret-community');
  });

  it('an unresolvable secret: error naming the reference, no packet sent', async () => {
    const agent = await udpAgent(() => undefined);
    const r = await pollOnce(device(agent.port, { community: { env: 'SRW_TEST_NOT_SET' } }), undefined, { secrets: { ...secrets, env: {} } });
    expect(r.snapshot.status).toBe('error');
    expect(r.snapshot.reason).toMatch(/SRW_TEST_NOT_SET/);
    expect(agent.received()).toBe(0);
  });

  it('SNMPv3 without the keys its level needs: error before any packet', async () => {
    const agent = await udpAgent(() => undefined);
    const r = await pollOnce(device(agent.port, { version: '3', user: 'u', level: 'authPriv' }), undefined, { secrets });
    expect(r.snapshot).toMatchObject({ status: 'error', reason: 'snmp.authKey is required for level authPriv' });
    expect(agent.received()).toBe(0);
  });

  it('a UPS without ifXTable: ok, ports from ifTable, a note naming the device', { tags: [SNMPREC_TAG] }, async () => {
    const dir = requireSnmprecDir();
    const log = recorder();
    const src = SnmprecSource.fromFile(join(dir, 'eaton-mgeups_9pxle.snmprec'));
    const r = await pollOnce({ ...device(161), name: 'ups-a', type: 'ups' }, ['system', 'if_mib', 'ups'], { source: src, logger: log });
    expect(r.snapshot.status).toBe('ok');
    expect(r.snapshot.interfaces.map((i) => [i.ifDescr, i.counterBits])).toEqual([
      ['lo', 32],
      ['eth0', 32],
    ]);
    expect(log.lines).toContain('info snmp ups-a: no ifXTable: 32-bit counters and ifDescr only');
  });
});
