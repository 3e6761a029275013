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
