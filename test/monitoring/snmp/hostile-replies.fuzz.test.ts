// Fuzz: a hostile agent on loopback answers srw's SNMP sessions (v2c and v3) with malformed,
// mismatched and oversized replies — at least 2 000 of them (SRW_FUZZ_REPLIES for more; a fixed
// seed, SRW_FUZZ_SEED to vary it). Every poll must end with a status, the process must not
// crash, memory must stay bounded, and a healthy agent must be polled fine afterwards.
import { afterAll, describe, expect, it } from 'vitest';
import { encodeInteger, encodeOid, TAG, tlv } from '../../../monitoring/lab/ber.js';
import { ciscoAccessSwitch, startSimDevice } from '../../../monitoring/lab/index.js';
import { pollOnce } from '../../../monitoring/poll/poll-once.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';
import { SnmpSession } from '../../../monitoring/snmp/session.js';
import { seeded } from '../fuzz-random.js';
import { hostileAgent, int, octets, PDU, reply, varbind, type HostileAgent, type Request } from './hostile-agent.js';

const REPLIES = Number(process.env.SRW_FUZZ_REPLIES ?? 2000);
const random = seeded();
const SEED = random.seed;
const { pick, bytes } = random;
const n = random.int;

/** A value TLV that is odd in some way: any tag, lying lengths, huge numbers, absurd OIDs. */
function oddValue(): Buffer {
  return pick<() => Buffer>([
    () => tlv(pick([0x02, 0x04, 0x05, 0x06, 0x40, 0x41, 0x42, 0x43, 0x44, 0x46, 0x80, 0x81, 0x82, n(256)]), bytes(n(40))),
    () => tlv(0x46, Buffer.from([0x01, ...bytes(8)])), // Counter64 of 9 bytes: 2^64 + x
    () => tlv(0x41, Buffer.from([0x01, 0, 0, 0, 0, 0])), // Counter32 of 2^40
    () => tlv(0x02, bytes(n(20) + 1)), // INTEGER up to 160 bits
    () => tlv(0x06, Buffer.from([0x2b, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])), // OID arc past 2^35
    () => encodeOid(Array.from({ length: 2 + n(300) }, () => n(2 ** 31))),
    () => Buffer.from([0x04, 0x84, 0xff, 0xff, 0xff, 0xff]), // length 4 GB
    () => Buffer.from([0x04, 0x80, 0x00, 0x00]), // indefinite length
    () => octets(Buffer.alloc(n(3000), n(256))),
    () => Buffer.from([0x05, 0x00]),
  ])();
}

function oddOid(req: Request): string {
  const base = req.oids[0] ?? '1.3.6.1.2.1.2.2.1.1';
  return pick([
    base,
    `${base}.${n(1000)}`,
    '1.3.6.1.2.1.1.1.0',
    '0.0',
    '1.3',
    `${base}.${Array.from({ length: n(200) }, () => n(2 ** 31)).join('.')}`,
    req.oids[req.oids.length - 1] ?? base,
  ]);
}

/** One hostile reply to a v1/v2c request. */
function hostile(req: Request): Buffer {
  const good = () => reply(req, { varbinds: req.oids.map((o) => varbind(`${o}.1`, int(n(1000)))) });
  return pick<() => Buffer>([
    good,
    () => bytes(n(1500)),
    () => good().subarray(0, n(good().length)),
    () => {
      const b = Buffer.from(good());
      for (let i = 0; i < 1 + n(4); i++) {
        const at = n(b.length);
        b[at] = b[at]! ^ (1 << n(8));
      }
      return b;
    },
    () => reply(req, { requestId: n(2 ** 31) }),
    () => reply(req, { community: Buffer.from('not-yours') }),
    () => reply(req, { version: pick([0, 1, 3, 99, -1, 2 ** 31 - 1]) }),
    () => reply(req, { pdu: pick([PDU.get, PDU.getNext, PDU.set, PDU.getBulk, PDU.inform, PDU.trapV2, PDU.report, 0xa4, 0xa9, 0xaf]) }),
    () => reply(req, { pdu: PDU.report, varbinds: [varbind('1.3.6.1.6.3.15.1.1.4.0', int(1))] }),
    () => reply(req, { errorStatus: n(25), errorIndex: pick([-5, 0, 1, req.oids.length, req.oids.length + 1, 1000, 2 ** 31 - 1]) }),
    () => reply(req, { varbinds: req.oids.map(() => varbind(oddOid(req), oddValue())) }),
    () => reply(req, { varbinds: Array.from({ length: n(1200) }, (_, i) => varbind(`${req.oids[0] ?? '1.3.6.1'}.${i + 1}`, int(i))) }),
    () => reply(req, { varbinds: [] }),
    () => reply(req, { varbinds: req.oids.map((o) => varbind(o, Buffer.from([TAG.endOfMibView, 0]))) }),
    // Non-increasing and out-of-subtree OIDs in a GETBULK answer.
    () => reply(req, { varbinds: Array.from({ length: 50 }, () => varbind(pick([req.oids[0] ?? '1.3', '1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.2.2.1.1.5']), int(1))) }),
    // Close to the largest UDP payload.
    () => reply(req, { varbinds: [varbind(req.oids[0] ?? '1.3.6.1', octets(Buffer.alloc(64_000, 0x41)))] }),
    () => tlv(TAG.sequence, Buffer.concat([encodeInteger(req.version), oddValue(), oddValue()])),
    () => Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01]),
  ])();
}

/** A reply to an SNMPv3 request: structurally v3, with random or lying security parameters. */
function hostileV3(raw: Buffer): Buffer {
  const usm = tlv(TAG.sequence, Buffer.concat([octets(bytes(n(40))), encodeInteger(n(2 ** 31)), encodeInteger(n(2 ** 31)), octets(bytes(n(40))), octets(bytes(pick([0, 12, 24, n(64)]))), octets(bytes(pick([0, 8, n(32)])))]));
  const header = tlv(TAG.sequence, Buffer.concat([encodeInteger(n(2 ** 31)), encodeInteger(pick([484, 65507, 0, -1])), octets(Buffer.from([n(8)])), encodeInteger(pick([3, 1, 0, 99]))]));
  const scoped = pick<() => Buffer>([
    () => tlv(TAG.sequence, Buffer.concat([octets(bytes(n(20))), octets(Buffer.from('')), tlv(pick([PDU.response, PDU.report, 0xa7]), Buffer.concat([encodeInteger(n(2 ** 31)), encodeInteger(n(20)), encodeInteger(n(5)), tlv(TAG.sequence, varbind('1.3.6.1.6.3.15.1.1.4.0', int(n(9))))]))])),
    () => octets(bytes(n(200))), // "encrypted" scoped PDU
    () => bytes(n(100)),
  ])();
  return pick<() => Buffer>([
    () => tlv(TAG.sequence, Buffer.concat([encodeInteger(3), header, octets(usm), scoped])),
    () => bytes(n(600)),
    () => raw.subarray(0, n(raw.length)),
    () => tlv(TAG.sequence, Buffer.concat([encodeInteger(3), header, usm, scoped])),
  ])();
}

const agents: HostileAgent[] = [];
afterAll(async () => {
  for (const a of agents) await a.close();
});

function device(i: number, port: number, v3: boolean): PollDevice {
  return {
    name: `hostile-${i}`,
    type: 'switch',
    address: '127.0.0.1',
    modules: ['system', 'if_mib'],
    snmp: v3
      ? { version: '3', user: 'fuzz', level: 'authPriv', authProtocol: 'sha', authKey: { env: 'A' }, privProtocol: 'aes', privKey: { env: 'P' }, port, timeoutMs: 40, retries: 0, maxRepetitions: 25 }
      : { version: '2c', community: { env: 'C' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port, timeoutMs: 40, retries: 0, maxRepetitions: 25 },
  };
}

describe(`hostile SNMP replies (seed ${SEED})`, () => {
  it(`${REPLIES}+ malformed, mismatched and oversized replies: every poll ends with a status, no crash, bounded memory`, async () => {
    let sent = 0;
    const answer = (req: Request | undefined, raw: Buffer): Buffer[] => {
      const k = 1 + n(3);
      const out = Array.from({ length: k }, () => (req ? hostile(req) : hostileV3(raw)));
      sent += out.length;
      return out;
    };
    const lanes = 16;
    for (let i = 0; i < lanes; i++) agents.push(await hostileAgent(answer));
    const secrets = { baseDir: '/', file: 'fuzz.yaml', env: { C: 'public', A: 'fuzz-auth-key', P: 'fuzz-priv-key' } };
    const statuses = new Map<string, number>();
    const rssBefore = process.memoryUsage().rss;
    let polls = 0;
    // Half the lanes keep one session for the whole run (as the exporter's pool does), so that
    // state a bad reply leaves behind meets the next request.
    const lane = async (i: number) => {
      const d = device(i, agents[i]!.port, i % 4 === 3);
      const shared = i % 2 === 0 && d.snmp.version !== '3' ? new SnmpSession({ address: '127.0.0.1', settings: d.snmp, credentials: {} }) : undefined;
      try {
        while (sent < REPLIES) {
          const r = await Promise.race([
            pollOnce(d, d.modules, { secrets, ...(shared ? { source: shared } : {}), limits: {} }),
            new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`poll of ${d.name} hung (seed ${SEED})`)), 10_000)),
          ]);
          polls++;
          statuses.set(r.snapshot.status, (statuses.get(r.snapshot.status) ?? 0) + 1);
          expect(['ok', 'timeout', 'auth', 'error']).toContain(r.snapshot.status);
          if (r.snapshot.status !== 'ok') expect(r.snapshot.reason, `seed ${SEED}`).toBeTruthy();
        }
      } finally {
        shared?.close();
      }
    };
    await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
    if (process.env.SRW_FUZZ_VERBOSE) console.log({ seed: SEED, sent, polls, statuses: Object.fromEntries(statuses) });
    expect(sent).toBeGreaterThanOrEqual(REPLIES);
    expect(polls).toBeGreaterThan(100);
    // Oversized answers come and go; what stays is bounded.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    // Some of the plausible ones get through, the rest fail in every way there is.
    expect(statuses.get('error') ?? 0).toBeGreaterThan(0);
    expect(statuses.get('timeout') ?? 0).toBeGreaterThan(0);

    // And the process still polls a healthy agent.
    const sw = await startSimDevice(ciscoAccessSwitch(24, { sysName: 'after-fuzz' }), { community: 'public' });
    try {
      const ok = await pollOnce({ ...device(99, sw.port, false), snmp: { ...device(99, sw.port, false).snmp, timeoutMs: 2000 } }, ['system', 'if_mib'], { secrets });
      expect(ok.snapshot.status).toBe('ok');
      expect(ok.snapshot.interfaces.length).toBeGreaterThanOrEqual(24);
    } finally {
      await sw.stop();
    }
  }, 120_000);
});
