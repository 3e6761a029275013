// Test helper: a UDP "agent" on loopback that reads srw's SNMPv1/v2c requests and answers with
// whatever datagrams the test builds (well-formed, malformed, mismatched, oversized).
import { createSocket, type Socket } from 'node:dgram';
import { BerReader, encodeInteger, encodeOid, parseOid, TAG, tlv } from '../../../monitoring/lab/ber.js';

export const PDU = { get: 0xa0, getNext: 0xa1, response: 0xa2, set: 0xa3, getBulk: 0xa5, inform: 0xa6, trapV2: 0xa7, report: 0xa8 } as const;

export type Request = { version: number; community: Buffer; pdu: number; requestId: number; a: number; b: number; oids: string[]; raw: Buffer };

export function parseRequest(buf: Buffer): Request | undefined {
  try {
    const msg = new BerReader(buf).expect(TAG.sequence);
    const version = msg.integer();
    const community = msg.octets();
    const pdu = msg.next();
    const requestId = pdu.body.integer();
    const a = pdu.body.integer();
    const b = pdu.body.integer();
    const list = pdu.body.expect(TAG.sequence);
    const oids: string[] = [];
    while (!list.done) oids.push(list.expect(TAG.sequence).oid().join('.'));
    return { version, community, pdu: pdu.tag, requestId, a, b, oids, raw: buf };
  } catch {
    return undefined;
  }
}

/** One varbind: OID text and an already-encoded value TLV. */
export const varbind = (oid: string, value: Buffer): Buffer => tlv(TAG.sequence, Buffer.concat([encodeOid(parseOid(oid)), value]));
export const int = (v: number): Buffer => encodeInteger(v);
export const octets = (s: string | Buffer): Buffer => tlv(TAG.octets, typeof s === 'string' ? Buffer.from(s) : s);

/** A whole reply message; every part can be overridden to build a mismatched one. */
export function reply(
  req: Request,
  over: { version?: number; community?: Buffer; pdu?: number; requestId?: number; errorStatus?: number; errorIndex?: number; varbinds?: Buffer[] } = {},
): Buffer {
  return tlv(
    TAG.sequence,
    Buffer.concat([
      encodeInteger(over.version ?? req.version),
      tlv(TAG.octets, over.community ?? req.community),
      tlv(
        over.pdu ?? PDU.response,
        Buffer.concat([
          encodeInteger(over.requestId ?? req.requestId),
          encodeInteger(over.errorStatus ?? 0),
          encodeInteger(over.errorIndex ?? 0),
          tlv(TAG.sequence, Buffer.concat(over.varbinds ?? [])),
        ]),
      ),
    ]),
  );
}

export type HostileAgent = { port: number; received(): number; close(): Promise<void> };

/** Answers every request datagram with the datagrams `answer` returns (none: silence). */
export async function hostileAgent(answer: (req: Request | undefined, raw: Buffer) => Buffer[]): Promise<HostileAgent> {
  const sock: Socket = createSocket('udp4');
  let n = 0;
  sock.on('message', (msg, rinfo) => {
    n++;
    for (const out of answer(parseRequest(msg), msg)) sock.send(out, rinfo.port, rinfo.address);
  });
  sock.on('error', () => undefined);
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  return { port: sock.address().port, received: () => n, close: () => new Promise((r) => sock.close(() => r())) };
}
