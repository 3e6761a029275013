// The provider schema JSON (`terraform providers schema -json`) as a tfplugin6
// GetProviderSchema.Response.
import { mapEntry, message, type Field } from './protobuf.js';

type Attr = { type?: unknown; nested_type?: { nesting_mode: string; attributes: Record<string, Attr> }; description?: string; required?: boolean; optional?: boolean; computed?: boolean; sensitive?: boolean; deprecated?: boolean; write_only?: boolean };
type Block = { attributes?: Record<string, Attr>; block_types?: Record<string, { nesting_mode: string; block: Block; min_items?: number; max_items?: number }>; deprecated?: boolean };
export type JsonProviderSchema = { provider: { block: Block }; resource_schemas: Record<string, { version?: number; block: Block }>; data_source_schemas: Record<string, { version?: number; block: Block }> };

const NESTING: Record<string, number> = { single: 1, list: 2, set: 3, map: 4, group: 5 };

function attribute(name: string, a: Attr): Uint8Array {
  const fields: Field[] = [[1, 'bytes', name]];
  if (a.type !== undefined) fields.push([2, 'bytes', JSON.stringify(a.type)]);
  fields.push(
    [4, 'varint', a.required ?? false],
    [5, 'varint', a.optional ?? false],
    [6, 'varint', a.computed ?? false],
    [7, 'varint', a.sensitive ?? false],
    [9, 'varint', a.deprecated ?? false],
  );
  if (a.nested_type) {
    const obj = message([
      ...Object.entries(a.nested_type.attributes).map(([n, x]): Field => [1, 'message', attribute(n, x)]),
      [3, 'varint', NESTING[a.nested_type.nesting_mode] ?? 0],
    ]);
    fields.push([10, 'message', obj]);
  }
  fields.push([11, 'varint', a.write_only ?? false]);
  return message(fields);
}

function block(b: Block): Uint8Array {
  return message([
    ...Object.entries(b.attributes ?? {}).map(([n, a]): Field => [2, 'message', attribute(n, a)]),
    ...Object.entries(b.block_types ?? {}).map(([n, bt]): Field => [
      3,
      'message',
      message([
        [1, 'bytes', n],
        [2, 'message', block(bt.block)],
        [3, 'varint', NESTING[bt.nesting_mode] ?? 0],
        [4, 'varint', bt.min_items ?? 0],
        [5, 'varint', bt.max_items ?? 0],
      ]),
    ]),
    [6, 'varint', b.deprecated ?? false],
  ]);
}

function schema(s: { version?: number; block: Block }): Uint8Array {
  return message([
    [1, 'varint', s.version ?? 0],
    [2, 'message', block(s.block)],
  ]);
}

export function providerSchemaResponse(p: JsonProviderSchema): Uint8Array {
  return message([
    [1, 'message', schema(p.provider)],
    ...Object.entries(p.resource_schemas).map(([n, s]) => mapEntry(2, n, schema(s))),
    ...Object.entries(p.data_source_schemas).map(([n, s]) => mapEntry(3, n, schema(s))),
  ]);
}
