// Bad input at the trap port: 2000+ malformed and hostile datagrams (mutations of real trap
// PDUs with a fixed seed, plus random bytes) never crash or stall the receiver; strings with
// terminal escapes come out printable; a flood from one device is rate-limited and counted
// while that device keeps being polled on time.
import { createSocket, type Socket } from 'node:dgram';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrapReceiver, type Notification } from '../../../monitoring/traps/index.js';
import { createPoller, type PollDevice } from '../../../monitoring/index.js';
import { startSimDevice, type SimDevice } from '../../../monitoring/lab/device.js';
import { ciscoAccessSwitch } from '../../../monitoring/lab/switch-profiles.js';

const snmp = createRequire(import.meta.url)('net-snmp') as {
  createSession(t: string, c: string, o: object): { trap(oid: string, vbs: object[], cb: (e: Error | null) => void): void; close(): void };
  createV3Session(t: string, u: object, o: object): { inform(oid: string, vbs: object[], o: object, cb: (e: Error | null) => void): void; close(): void };
  Version2c: number;
  ObjectType: Record<string, number>;
  SecurityLevel: Record<string, number>;
  AuthProtocols: Record<string, number>;
  PrivProtocols: Record<string, number>;
};

const COMMUNITY = 'hostile-test-community';
const base = { port: 161, timeoutMs: 500, retries: 0, maxRepetitions: 25, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' } as const;

/** mulberry32: a small deterministic PRNG, so a failing datagram can be reproduced. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function capture(send: (port: number) => void): Promise<Buffer> {
  const s = createSocket('udp4');
  await new Promise<void>((ok) => s.bind(0, '127.0.0.1', ok));
  const got = new Promise<Buffer>((ok) => s.once('message', (m) => ok(m)));
  send(s.address().port);
  const m = await got;
  s.close();
  return m;
}

/** Waits until the receiver has handled everything queued on its socket (counts stable for 200 ms). */
async function settled(r: TrapReceiver, got: unknown[]): Promise<void> {
  const total = () => got.length + [...r.stats.dropped.values()].reduce((a, b) => a + b, 0);
  let last = -1;
  while (total() !== last) {
    last = total();
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

const sendFrom = (sock: Socket, buf: Buffer, port: number) => new Promise<void>((ok) => sock.send(buf, port, '127.0.0.1', () => ok()));

describe('hostile trap input', () => {
  let receiver: TrapReceiver;
  let port = 0;
  let sock: Socket;
  const got: Notification[] = [];

  beforeAll(async () => {
    process.env.SRW_HOSTILE_COMMUNITY = COMMUNITY;
    const devices: PollDevice[] = [{ name: 'sw', type: 'switch', address: '127.0.0.1', modules: ['if_mib'], snmp: { ...base, version: '2c', community: { env: 'SRW_HOSTILE_COMMUNITY' } } }];
    receiver = new TrapReceiver({ host: '127.0.0.1', port: 0, devices, secrets: { baseDir: tmpdir(), file: 'x' }, stateDir: tmpdir(), rateLimit: { perSecond: 1e9, burst: 1e9 }, onNotification: (n) => got.push(n) });
    port = (await receiver.start()).port;
    sock = createSocket('udp4');
    await new Promise<void>((ok) => sock.bind(0, '127.0.0.1', ok));
  });
  afterAll(async () => {
    sock?.close();
    await receiver?.close();
  });

  it('survives 2400 malformed datagrams (seed 15) and still decodes the next good trap', async () => {
    const good = await capture((p) => {
      const s = snmp.createSession('127.0.0.1', COMMUNITY, { trapPort: p, version: snmp.Version2c });
      s.trap('1.3.6.1.6.3.1.1.5.3', [{ oid: '1.3.6.1.2.1.2.2.1.1.3', type: snmp.ObjectType.Integer, value: 3 }, { oid: '1.3.6.1.2.1.31.1.1.1.1.3', type: snmp.ObjectType.OctetString, value: 'Gi1/0/3' }], () => s.close());
    });
    const rand = prng(15);
    const samples: Buffer[] = [];
    for (let i = 0; i < 2400; i++) {
      const b = Buffer.from(good);
      const kind = i % 6;
      if (kind === 0) for (let k = 0; k < 1 + Math.floor(rand() * 8); k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      else if (kind === 1) samples.push(b.subarray(0, Math.floor(rand() * b.length)));
      else if (kind === 2) b[1 + Math.floor(rand() * 3)] = 0x84 + Math.floor(rand() * 4); // absurd lengths
      else if (kind === 3) samples.push(Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 300) }, () => Math.floor(rand() * 256))));
      else if (kind === 4) samples.push(Buffer.concat([b, Buffer.alloc(Math.floor(rand() * 1000), 0x30)]));
      else b.writeUInt8(0x30, Math.floor(rand() * b.length)); // nested SEQUENCE tags in odd places
      if (kind === 0 || kind === 2 || kind === 5) samples.push(b);
    }
    expect(samples.length).toBeGreaterThanOrEqual(2000);
    const started = Date.now();
    // In batches, so the kernel's socket buffer (rmem_max) never drops one before srw sees it.
    for (let i = 0; i < samples.length; i += 200) {
      for (const s of samples.slice(i, i + 200)) await sendFrom(sock, s, port);
      await new Promise((ok) => setTimeout(ok, 30));
    }
    await settled(receiver, got);
    const before = got.length;
    await sendFrom(sock, good, port);
    for (let i = 0; i < 100 && got.length === before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(got.length).toBe(before + 1);
    expect(got.at(-1)!.name).toBe('linkDown');
    expect(Date.now() - started).toBeLessThan(20_000);
    const dropped = [...receiver.stats.dropped.values()].reduce((a, b) => a + b, 0);
    // Every datagram is either a (mutated but still valid) notification or counted as dropped.
    expect(dropped + got.length).toBeGreaterThanOrEqual(samples.length);
  });

  it('makes strings printable: no terminal escapes, bidi overrides or NULs reach the event text', async () => {
    const evil = await capture((p) => {
      const s = snmp.createSession('127.0.0.1', COMMUNITY, { trapPort: p, version: snmp.Version2c });
      s.trap('1.3.6.1.6.3.1.1.5.3', [{ oid: '1.3.6.1.2.1.2.2.1.1.4', type: snmp.ObjectType.Integer, value: 4 }, { oid: '1.3.6.1.2.1.31.1.1.1.1.4', type: snmp.ObjectType.OctetString, value: Buffer.from('Gi\x1b]0;owned\x07\x1b[2J\u202e4\u0000/0/1', 'utf8') }], () => s.close());
    });
    await settled(receiver, got);
    const before = got.length;
    await sendFrom(sock, evil, port);
    for (let i = 0; i < 100 && got.length === before; i++) await new Promise((r) => setTimeout(r, 20));
    const n = got.at(-1)!;
    const text = `${n.summary} ${n.varbinds.map((v) => v.value).join(' ')}`;
    expect(text).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    expect(n.summary).toContain('Gi\\u001b]0;owned\\u0007\\u001b[2J\\u202e4\\u0000/0/1');
  });
});

describe('a trap flood', () => {
  let sim: SimDevice;
  let receiver: TrapReceiver;
  let port = 0;

  beforeAll(async () => {
    process.env.SRW_FLOOD_COMMUNITY = COMMUNITY;
    sim = await startSimDevice(ciscoAccessSwitch(48, { sysName: 'sw-flood' }), { host: '127.0.3.7', community: COMMUNITY });
  });
  afterAll(async () => {
    await receiver?.close();
    await sim?.stop();
  });

  it('is rate-limited per source and counted, while the sender is still polled on time', async () => {
    const device: PollDevice = { name: 'sw-flood', type: 'switch', address: sim.host, modules: ['system', 'if_mib'], interval: 1, snmp: { ...base, version: '2c', port: sim.port, community: { env: 'SRW_FLOOD_COMMUNITY' } } };
    const poller = createPoller([device], { secrets: { baseDir: tmpdir(), file: 'x' } });
    let repolls = 0;
    receiver = new TrapReceiver({ host: '127.0.0.1', port: 0, devices: [device], secrets: { baseDir: tmpdir(), file: 'x' }, stateDir: tmpdir(), rateLimit: { perSecond: 20, burst: 100 }, onNotification: () => repolls++ });
    port = (await receiver.start()).port;
    const trap = await capture((p) => {
      const s = snmp.createSession('127.0.0.1', COMMUNITY, { trapPort: p, version: snmp.Version2c });
      s.trap('1.3.6.1.6.3.1.1.5.3', [{ oid: '1.3.6.1.2.1.2.2.1.1.3', type: snmp.ObjectType.Integer, value: 3 }], () => s.close());
    });
    const flood = createSocket('udp4');
    await new Promise<void>((ok) => flood.bind(0, sim.host, ok));
    poller.start();
    const started = Date.now();
    let sent = 0;
    // ~4 s of flood: 20 000 traps from the switch's own address.
    while (Date.now() - started < 4000 && sent < 20_000) {
      for (let i = 0; i < 250; i++, sent++) flood.send(trap, port, '127.0.0.1');
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 300));
    flood.close();
    const stats = poller.stats();
    await poller.stop();
    const limited = receiver.stats.rateLimited.get('sw-flood') ?? 0;
    const accepted = receiver.stats.received.get('sw-flood')?.get('linkDown') ?? 0;
    // At most the burst plus 20/s got through; the rest was counted, not decoded.
    expect(accepted).toBeLessThanOrEqual(100 + 20 * 6);
    expect(limited).toBeGreaterThan(sent / 2);
    expect(accepted + limited).toBeLessThanOrEqual(sent);
    expect(repolls).toBe(accepted);
    // Polling every second went on: no missed interval, the device answered.
    expect(stats.missedIntervals).toBe(0);
    expect(stats.polls).toBeGreaterThanOrEqual(3);
    expect(poller.store.getSnapshot().devices[0]!.status).toBe('ok');
  });
});
