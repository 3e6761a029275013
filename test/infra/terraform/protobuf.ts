// A minimal protobuf writer for the few tfplugin6 messages the schema-serving provider sends
// (field numbers from Terraform's docs/plugin-protocol/tfplugin6.proto). Written for this
// test only: no generated code, no dependency.
export type Field = [number, 'varint', number | boolean] | [number, 'bytes', Uint8Array | string] | [number, 'message', Uint8Array];

function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

/** Encodes fields in the given order; zero/false/empty values are skipped as proto3 does. */
export function message(fields: readonly Field[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [no, kind, value] of fields) {
    if (kind === 'varint') {
      const n = typeof value === 'boolean' ? Number(value) : value;
      if (n === 0) continue;
      parts.push(Uint8Array.from([...varint((no << 3) | 0), ...varint(n)]));
    } else {
      const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      if (kind === 'bytes' && bytes.length === 0) continue;
      parts.push(Uint8Array.from([...varint((no << 3) | 2), ...varint(bytes.length)]), bytes);
    }
  }
  const total = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A map<string, Message> entry: key = 1, value = 2. */
export function mapEntry(no: number, key: string, value: Uint8Array): Field {
  return [no, 'message', message([[1, 'bytes', key], [2, 'message', value]])];
}

/** Decoded fields of one message: field number → values in wire order (varints as bigint, the rest as bytes). */
export type Fields = Map<number, (bigint | Uint8Array)[]>;

function readVarint(buf: Uint8Array, at: number): [bigint, number] {
  let v = 0n;
  let shift = 0n;
  for (;;) {
    if (at >= buf.length) throw new Error('protobuf: truncated varint');
    const b = buf[at++]!;
    v |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [v, at];
    shift += 7n;
  }
}

/** Splits a message into its fields; wire types 0 (varint), 1 (64-bit), 2 (bytes) and 5 (32-bit). */
export function decodeFields(buf: Uint8Array): Fields {
  const out: Fields = new Map();
  let at = 0;
  while (at < buf.length) {
    const [key, next] = readVarint(buf, at);
    at = next;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    let value: bigint | Uint8Array;
    if (wire === 0) [value, at] = readVarint(buf, at);
    else if (wire === 2) {
      const [len, start] = readVarint(buf, at);
      value = buf.subarray(start, start + Number(len));
      at = start + Number(len);
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      value = buf.subarray(at, at + n);
      at += n;
    } else throw new Error(`protobuf: unsupported wire type ${wire}`);
    const list = out.get(no) ?? [];
    list.push(value);
    out.set(no, list);
  }
  return out;
}

export function bytesField(f: Fields, no: number): Uint8Array | undefined {
  const v = f.get(no)?.[0];
  return v instanceof Uint8Array ? v : undefined;
}

export function stringField(f: Fields, no: number): string {
  const v = bytesField(f, no);
  return v ? new TextDecoder().decode(v) : '';
}
