// Reads the clear-text head of an SNMP message (version; for SNMPv3 the msgGlobalData and the
// USM security parameters) without touching the PDU, with the same BER library net-snmp uses.
// The receiver needs these fields before net-snmp acknowledges an inform, and net-snmp does not
// hand them to its callback. It also builds the one message net-snmp cannot: an authenticated
// usmStatsNotInTimeWindows Report (RFC 3414 §3.2 step 7a), which tells a sender whose clock for
// this engine is stale (srw restarted, engineBoots went up) to resynchronise and send again.
import { createRequire } from 'node:module';

type BerReader = {
  readSequence(tag?: number): number | null;
  readInt(tag?: number): number | null;
  readString(tag?: number, retbuf?: boolean): Buffer | string | null;
  offset: number;
  buffer: Buffer;
};
type BerWriter = {
  startSequence(tag?: number): void;
  endSequence(): void;
  writeInt(i: number, tag?: number): void;
  writeBuffer(b: Buffer, tag: number): void;
  writeOID(oid: string, tag?: number): void;
  writeByte(b: number): void;
  buffer: Buffer;
};
type Ber = { Reader: new (b: Buffer) => BerReader; Writer: new () => BerWriter };
type NetSnmpAuth = {
  Authentication: {
    calculateDigest(message: Buffer, authProtocol: number, authPassword: string, engineId: Buffer): Buffer;
    getParametersLength(authProtocol: number): number;
  };
};

const require = createRequire(import.meta.url);
const ber = require('asn1-ber').Ber as Ber;
const netSnmp = require('net-snmp') as NetSnmpAuth;

const SEQUENCE = 0x30;
const OCTET_STRING = 0x04;
const INTEGER = 0x02;
const COUNTER32 = 0x41;
const REPORT_PDU = 0xa8;

export type MessageHead =
  | { version: 0 | 1; community: string }
  | {
      version: 3;
      msgId: number;
      flags: number;
      engineId: Buffer;
      boots: number;
      time: number;
      user: string;
    };

/** The head of a message, or undefined when it is not SNMP at all (the PDU is not read). */
export function readHead(buf: Buffer): MessageHead | undefined {
  try {
    const r = new ber.Reader(buf);
    r.readSequence();
    const version = r.readInt();
    if (version === 0 || version === 1) {
      const c = r.readString(OCTET_STRING, true);
      return { version, community: Buffer.isBuffer(c) ? c.toString('latin1') : '' };
    }
    if (version !== 3) return undefined;
    r.readSequence();
    const msgId = r.readInt() ?? 0;
    r.readInt();
    const flags = (r.readString(OCTET_STRING, true) as Buffer | null)?.[0] ?? 0;
    r.readInt();
    const sp = r.readString(OCTET_STRING, true);
    if (!Buffer.isBuffer(sp)) return undefined;
    const s = new ber.Reader(sp);
    s.readSequence();
    const engineId = s.readString(OCTET_STRING, true);
    const boots = s.readInt() ?? 0;
    const time = s.readInt() ?? 0;
    const user = s.readString(OCTET_STRING, true);
    return { version: 3, msgId, flags, engineId: Buffer.isBuffer(engineId) ? engineId : Buffer.alloc(0), boots, time, user: Buffer.isBuffer(user) ? user.toString('utf8') : '' };
  } catch {
    return undefined;
  }
}

export type ReportUser = { name: string; authProtocol: number; authKey: string };

/**
 * An authNoPriv Report carrying usmStatsNotInTimeWindows.0 with this engine's boots and time,
 * authenticated with the sender's user so that it believes the new time (RFC 3414 §3.1.1 and
 * §3.2 7a; Net-SNMP only resynchronises on an authenticated report).
 */
export function notInTimeWindowReport(o: { msgId: number; requestId: number; engineId: Buffer; boots: number; time: number; user: ReportUser; count: number }): Buffer {
  const digestLength = netSnmp.Authentication.getParametersLength(o.user.authProtocol);
  const params = new ber.Writer();
  params.startSequence(SEQUENCE);
  params.writeBuffer(o.engineId, OCTET_STRING);
  params.writeInt(o.boots, INTEGER);
  params.writeInt(o.time, INTEGER);
  params.writeBuffer(Buffer.from(o.user.name, 'utf8'), OCTET_STRING);
  params.writeBuffer(Buffer.alloc(digestLength), OCTET_STRING);
  params.writeBuffer(Buffer.alloc(0), OCTET_STRING);
  params.endSequence();

  const w = new ber.Writer();
  w.startSequence(SEQUENCE);
  w.writeInt(3, INTEGER);
  w.startSequence(SEQUENCE);
  w.writeInt(o.msgId, INTEGER);
  w.writeInt(65507, INTEGER);
  w.writeBuffer(Buffer.from([0x01]), OCTET_STRING); // auth, no priv, not reportable
  w.writeInt(3, INTEGER); // USM
  w.endSequence();
  w.writeBuffer(params.buffer, OCTET_STRING);
  w.startSequence(SEQUENCE); // ScopedPDU
  w.writeBuffer(o.engineId, OCTET_STRING);
  w.writeBuffer(Buffer.alloc(0), OCTET_STRING);
  w.startSequence(REPORT_PDU);
  w.writeInt(o.requestId, INTEGER);
  w.writeInt(0, INTEGER);
  w.writeInt(0, INTEGER);
  w.startSequence(SEQUENCE);
  w.startSequence(SEQUENCE);
  w.writeOID('1.3.6.1.6.3.15.1.1.2.0', 0x06);
  w.writeInt(o.count >>> 0, COUNTER32);
  w.endSequence();
  w.endSequence();
  w.endSequence();
  w.endSequence();
  w.endSequence();
  const message = Buffer.from(w.buffer);
  // The digest is computed over the message with zeros where it goes, then written there.
  const digest = netSnmp.Authentication.calculateDigest(message, o.user.authProtocol, o.user.authKey, o.engineId);
  const at = message.indexOf(Buffer.concat([Buffer.from([OCTET_STRING, digestLength]), Buffer.alloc(digestLength)]));
  if (at < 0) throw new Error('report: digest placeholder not found');
  digest.copy(message, at + 2, 0, digestLength);
  return message;
}
