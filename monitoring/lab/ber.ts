// Just enough BER (X.690) for an SNMPv1/v2c agent: read a request, write a response.
// Hand-written so that a thousand simulated switches cost one small table each, not a full
// agent with a MIB tree per device.

export const TAG = {
  integer: 0x02,
  octets: 0x04,
  null: 0x05,
  oid: 0x06,
  sequence: 0x30,
  ip: 0x40,
  counter32: 0x41,
  gauge32: 0x42,
  timeticks: 0x43,
  counter64: 0x46,
  noSuchObject: 0x80,
  noSuchInstance: 0x81,
  endOfMibView: 0x82,
} as const;

export class BerError extends Error {}

/** A cursor over one buffer; each read consumes a TLV. */
export class BerReader {
  constructor(
    private readonly buf: Buffer,
    public pos = 0,
    private readonly end = buf.length,
  ) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads tag and length; returns the tag and a reader over the contents. */
  next(): { tag: number; body: BerReader; start: number; contentStart: number; contentEnd: number } {
    const start = this.pos;
    if (this.pos + 2 > this.end) throw new BerError('truncated TLV');
    const tag = this.buf[this.pos++]!;
    let len = this.buf[this.pos++]!;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4 || this.pos + n > this.end) throw new BerError('bad length');
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + this.buf[this.pos++]!;
    }
    const contentStart = this.pos;
    const contentEnd = contentStart + len;
    if (contentEnd > this.end) throw new BerError('length past end');
    this.pos = contentEnd;
    return { tag, body: new BerReader(this.buf, contentStart, contentEnd), start, contentStart, contentEnd };
  }

  expect(tag: number): BerReader {
    const t = this.next();
    if (t.tag !== tag) throw new BerError(`expected tag 0x${tag.toString(16)}, found 0x${t.tag.toString(16)}`);
    return t.body;
  }

  integer(): number {
    const b = this.expect(TAG.integer);
    if (b.end - b.pos > 6) throw new BerError('integer too long');
    let v = 0;
    for (let i = b.pos; i < b.end; i++) v = v * 256 + this.buf[i]!;
    const len = b.end - b.pos;
    if (len > 0 && this.buf[b.pos]! & 0x80) v -= 2 ** (8 * len);
    return v;
  }

  octets(): Buffer {
    const b = this.expect(TAG.octets);
    return this.buf.subarray(b.pos, b.end);
  }

  oid(): number[] {
    const b = this.expect(TAG.oid);
    const out: number[] = [];
    let v = 0;
    for (let i = b.pos; i < b.end; i++) {
      const byte = this.buf[i]!;
      v = v * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) {
        if (out.length === 0) {
          const first = v < 80 ? Math.floor(v / 40) : 2;
          out.push(first, v - first * 40);
        } else out.push(v);
        v = 0;
      }
    }
    return out;
  }

  /** Skips one TLV of any type. */
  skip(): void {
    this.next();
  }
}

function lengthBytes(len: number): number[] {
  if (len < 0x80) return [len];
  const bytes: number[] = [];
  while (len > 0) {
    bytes.unshift(len & 0xff);
    len = Math.floor(len / 256);
  }
  return [0x80 | bytes.length, ...bytes];
}

/** Wraps already-encoded contents in a tag and length. */
export function tlv(tag: number, contents: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag, ...lengthBytes(contents.length)]), contents]);
}

export function encodeInteger(v: number, tag: number = TAG.integer): Buffer {
  const bytes: number[] = [];
  let x = Math.trunc(v);
  // Two's complement, shortest form.
  do {
    bytes.unshift(((x % 256) + 256) % 256);
    x = Math.floor(x / 256);
  } while (x !== 0 && x !== -1);
  if (x === 0 && bytes[0]! & 0x80) bytes.unshift(0);
  if (x === -1 && !(bytes[0]! & 0x80)) bytes.unshift(0xff);
  return tlv(tag, Buffer.from(bytes));
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Unsigned (Counter32, Gauge32, TimeTicks, Counter64): a leading 0 keeps the top bit clear. */
export function encodeUnsigned(v: bigint | number, tag: number): Buffer {
  // Numbers below 2^53 (every 32-bit value, and 64-bit counters for years) skip BigInt math;
  // this runs for every counter of every answer.
  if (typeof v === 'bigint') {
    if (v > MAX_SAFE) return encodeBigUnsigned(v, tag);
    v = Number(v);
  }
  let x = v > 0 ? Math.floor(v) : 0;
  let len = 1;
  for (let y = x; y >= 256; y = Math.floor(y / 256)) len++;
  const pad = Math.floor(x / 256 ** (len - 1)) >= 0x80 ? 1 : 0;
  const out = Buffer.allocUnsafe(2 + pad + len);
  out[0] = tag;
  out[1] = pad + len;
  if (pad) out[2] = 0;
  for (let i = out.length - 1; i >= 2 + pad; i--) {
    out[i] = x % 256;
    x = Math.floor(x / 256);
  }
  return out;
}

function encodeBigUnsigned(v: bigint, tag: number): Buffer {
  const bytes: number[] = [];
  let x = v;
  do {
    bytes.unshift(Number(x & 0xffn));
    x >>= 8n;
  } while (x > 0n);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return Buffer.from([tag, bytes.length, ...bytes]);
}

/** The content octets of an OBJECT IDENTIFIER (base-128 sub-identifiers, first two combined). */
export function encodeOidBody(oid: readonly number[]): Buffer {
  const bytes: number[] = [];
  const push = (n: number): void => {
    const tmp = [n & 0x7f];
    n = Math.floor(n / 128);
    while (n > 0) {
      tmp.unshift((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    bytes.push(...tmp);
  };
  push((oid[0] ?? 0) * 40 + (oid[1] ?? 0));
  for (let i = 2; i < oid.length; i++) push(oid[i]!);
  return Buffer.from(bytes);
}

export function encodeOid(oid: readonly number[]): Buffer {
  return tlv(TAG.oid, encodeOidBody(oid));
}

export function parseOid(text: string): number[] {
  return text.replace(/^\./, '').split('.').map(Number);
}

export function compareOids(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
