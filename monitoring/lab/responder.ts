// The SNMPv1/v2c request → response logic of a simulated agent (pure: bytes in, bytes out) and
// the small class that owns its UDP socket. No SNMPv3: the simulated lab uses communities; the
// e2e tests cover v3 against the real Net-SNMP agent and snmpsim.
import { createSocket, type Socket } from 'node:dgram';
import { BerError, BerReader, encodeInteger, encodeOidBody, TAG, tlv } from './ber.js';
import { lookup, nextEntry, type SimTable } from './oid-table.js';
import { encodeValue } from './value.js';

const PDU = { get: 0xa0, getNext: 0xa1, response: 0xa2, set: 0xa3, getBulk: 0xa5 } as const;
const ERR = { tooBig: 1, noSuchName: 2, readOnly: 4, genErr: 5, notWritable: 17 } as const;

export type ResponderOptions = {
  community: string;
  /**
   * Largest response message in bytes. Real access switches answer within one Ethernet frame
   * (Cisco IOS `snmp-server packetsize` defaults to 1500), so a bulk answer is cut to fit.
   */
  maxMessageSize?: number;
  /** Cap on GETBULK max-repetitions, as agents have (snmpsim: 64). */
  maxRepetitions?: number;
};

export type RequestStats = { requests: number; varbinds: number };

/** Answers one request datagram; undefined = stay silent (bad community, garbage, a SET we ignore). */
export function answer<D>(table: SimTable<D>, device: D, request: Buffer, opts: ResponderOptions, now = Date.now()): Buffer | undefined {
  let version: number;
  let community: Buffer;
  let pduTag: number;
  let requestId: number;
  let a: number;
  let b: number;
  const oids: number[][] = [];
  try {
    const msg = new BerReader(request).expect(TAG.sequence);
    version = msg.integer();
    community = msg.octets();
    const pdu = msg.next();
    pduTag = pdu.tag;
    requestId = pdu.body.integer();
    a = pdu.body.integer();
    b = pdu.body.integer();
    const list = pdu.body.expect(TAG.sequence);
    while (!list.done) {
      const vb = list.expect(TAG.sequence);
      oids.push(vb.oid());
    }
  } catch (e) {
    if (e instanceof BerError) return undefined;
    throw e;
  }
  if (version !== 0 && version !== 1) return undefined;
  // An unknown community gets no answer at all, like real agents (and snmpsim).
  if (community.toString('utf8') !== opts.community) return undefined;
  const v1 = version === 0;
  const maxSize = opts.maxMessageSize ?? 1472;

  const wrap = (errorStatus: number, errorIndex: number, varbinds: Buffer[]): Buffer =>
    tlv(
      TAG.sequence,
      Buffer.concat([
        encodeInteger(version),
        tlv(TAG.octets, community),
        tlv(PDU.response, Buffer.concat([encodeInteger(requestId), encodeInteger(errorStatus), encodeInteger(errorIndex), tlv(TAG.sequence, Buffer.concat(varbinds))])),
      ]),
    );
  const echo = (): Buffer[] => oids.map((o) => tlv(TAG.sequence, Buffer.concat([encodeOidOf(o), Buffer.from([TAG.null, 0])])));
  const overhead = wrap(0, 0, []).length + 4; // +4: the varbind list's length may grow to 3 bytes

  if (pduTag === PDU.set) return wrap(v1 ? ERR.readOnly : ERR.notWritable, 1, echo());

  if (pduTag === PDU.get) {
    const out: Buffer[] = [];
    for (let i = 0; i < oids.length; i++) {
      const oid = oids[i]!;
      const { value, prefixKnown } = lookup(table, device, oid, now);
      if (!value && v1) return wrap(ERR.noSuchName, i + 1, echo());
      const valueBer = value ? encodeValue(value) : Buffer.from([prefixKnown ? TAG.noSuchInstance : TAG.noSuchObject, 0]);
      out.push(tlv(TAG.sequence, Buffer.concat([encodeOidOf(oid), valueBer])));
    }
    const r = wrap(0, 0, out);
    return r.length > maxSize ? wrap(ERR.tooBig, 0, echo()) : r;
  }

  if (pduTag === PDU.getNext || (pduTag === PDU.getBulk && !v1)) {
    const nonRepeaters = pduTag === PDU.getBulk ? Math.max(0, Math.min(a, oids.length)) : oids.length;
    const maxRep = pduTag === PDU.getBulk ? Math.max(0, Math.min(b, opts.maxRepetitions ?? 64)) : 0;
    const out: Buffer[] = [];
    let size = overhead;
    const step = (oid: number[], hint = -1): { buf: Buffer; next: number[] | undefined; index: number } => {
      const hit = nextEntry(table, device, oid, now, hint);
      if (!hit) return { buf: tlv(TAG.sequence, Buffer.concat([encodeOidOf(oid), Buffer.from([TAG.endOfMibView, 0])])), next: undefined, index: -1 };
      return { buf: tlv(TAG.sequence, Buffer.concat([hit.entry.oidBer, encodeValue(hit.value)])), next: hit.entry.oid, index: hit.index };
    };
    for (let i = 0; i < nonRepeaters; i++) {
      const s = step(oids[i]!);
      if (!s.next && v1) return wrap(ERR.noSuchName, i + 1, echo());
      out.push(s.buf);
      size += s.buf.length;
    }
    if (pduTag === PDU.getNext) return size > maxSize ? wrap(ERR.tooBig, 0, echo()) : wrap(0, 0, out);
    if (size > maxSize) return wrap(ERR.tooBig, 0, echo());
    const cursors: (number[] | undefined)[] = oids.slice(nonRepeaters);
    const hints: number[] = cursors.map(() => -1);
    // RFC 3416 §4.2.3: repetitions are row by row; stop (keeping what fits) at the size limit.
    outer: for (let r = 0; r < maxRep; r++) {
      let any = false;
      for (let k = 0; k < cursors.length; k++) {
        const cur = cursors[k];
        let buf: Buffer;
        if (cur === undefined) {
          // Past the end: keep answering endOfMibView for this column, as the RFC asks.
          buf = tlv(TAG.sequence, Buffer.concat([encodeOidOf(oids[nonRepeaters + k]!), Buffer.from([TAG.endOfMibView, 0])]));
        } else {
          const s = step(cur, hints[k]);
          cursors[k] = s.next;
          hints[k] = s.index;
          buf = s.buf;
          if (s.next) any = true;
        }
        if (size + buf.length > maxSize) break outer;
        out.push(buf);
        size += buf.length;
      }
      if (!any) break;
    }
    return wrap(0, 0, out);
  }
  return wrap(ERR.genErr, 0, echo());
}

const oidCache = new Map<string, Buffer>();
function encodeOidOf(oid: number[]): Buffer {
  // Requested OIDs repeat (every poll asks for the same columns); keep a small cache.
  const key = oid.join('.');
  let ber = oidCache.get(key);
  if (!ber) {
    ber = tlv(TAG.oid, encodeOidBody(oid));
    if (oidCache.size > 50_000) oidCache.clear();
    oidCache.set(key, ber);
  }
  return ber;
}


/** One simulated agent on one UDP socket. */
export class SimResponder<D> {
  private socket: Socket | undefined;
  readonly stats: RequestStats = { requests: 0, varbinds: 0 };

  constructor(
    private readonly table: SimTable<D>,
    readonly device: D,
    private readonly opts: ResponderOptions,
  ) {}

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (msg, rinfo) => {
      this.stats.requests++;
      const reply = answer(this.table, this.device, msg, this.opts);
      if (reply) socket.send(reply, rinfo.port, rinfo.address);
    });
    await new Promise<void>((ok, fail) => {
      socket.once('error', fail);
      socket.bind(port, host, () => {
        socket.off('error', fail);
        // A late send error (peer gone) must not kill the process that hosts the lab.
        socket.on('error', () => undefined);
        ok();
      });
    });
    return socket.address().port;
  }

  close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (!s) return Promise.resolve();
    return new Promise((ok) => s.close(() => ok()));
  }
}
