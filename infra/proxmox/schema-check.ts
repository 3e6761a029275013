// Checks synthesized Terraform JSON against the real bpg/proxmox provider schema
// (../shared/proxmox/bpg-proxmox-schema.json, `terraform providers schema -json` format) the way
// `terraform validate` would, without the provider binary Terraform cannot download here:
// the type exists, every attribute and block exists with the right type and nesting, every
// required attribute is set, read-only attributes are not. Findings are data, never printed here.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDER_FQN } from './provider-version.js';
import { defaultSchemaPath } from './schema-path.js';

export type FindingCode =
  | 'unknown-type'
  | 'unknown-attribute'
  | 'wrong-type'
  | 'missing-required'
  | 'read-only'
  | 'wrong-nesting'
  | 'item-count'
  | 'deprecated';

export type Finding = {
  readonly code: FindingCode;
  readonly severity: 'error' | 'warning';
  /** The cdk.tf.json the finding is in (as given to the checker). */
  readonly file: string;
  /** Terraform address plus JSON path: resource.proxmox_virtual_environment_vm.db.disk[0].size */
  readonly path: string;
  readonly message: string;
};

type CtyType = string | [string, unknown];
type Attribute = { type?: CtyType; nested_type?: NestedType; required?: boolean; optional?: boolean; computed?: boolean; deprecated?: boolean };
type NestedType = { nesting_mode: 'single' | 'list' | 'set' | 'map'; attributes: Record<string, Attribute> };
type Block = { attributes?: Record<string, Attribute>; block_types?: Record<string, BlockType>; deprecated?: boolean };
type BlockType = { nesting_mode: 'single' | 'group' | 'list' | 'set' | 'map'; block: Block; min_items?: number; max_items?: number };
export type ProviderSchema = {
  readonly provider: { block: Block };
  readonly resource_schemas: Record<string, { block: Block }>;
  readonly data_source_schemas: Record<string, { block: Block }>;
};

/** Reads the provider's schema out of the schema document (the one I/O step besides walking a tree). */
export function loadProviderSchema(path: string = defaultSchemaPath()): ProviderSchema {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { provider_schemas?: Record<string, ProviderSchema> };
  const schema = doc.provider_schemas?.[PROVIDER_FQN];
  if (!schema) throw new Error(`${path}: no ${PROVIDER_FQN} provider schema`);
  return schema;
}

/** Keys Terraform itself handles on every resource and data source. */
const META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection', '//']);
/** Built-in types that are not the provider's. */
const BUILTIN = new Set(['terraform_remote_state', 'terraform_data']);

type TerraformJson = {
  provider?: Record<string, unknown>;
  resource?: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, unknown>>;
};

/** Checks one parsed cdk.tf.json document. */
export function checkTerraformJson(doc: TerraformJson, schema: ProviderSchema, file = 'cdk.tf.json'): Finding[] {
  const out: Finding[] = [];
  const walk = (kind: 'resource' | 'data', schemas: Record<string, { block: Block }>) => {
    for (const [type, instances] of Object.entries(doc[kind] ?? {})) {
      if (BUILTIN.has(type)) continue;
      const s = schemas[type];
      if (!s) {
        out.push({ code: 'unknown-type', severity: 'error', file, path: `${kind}.${type}`, message: `bpg/proxmox has no ${kind === 'data' ? 'data source' : 'resource'} type "${type}"` });
        continue;
      }
      if (s.block.deprecated) out.push({ code: 'deprecated', severity: 'warning', file, path: `${kind}.${type}`, message: `${type} is deprecated in this provider version` });
      for (const [name, body] of Object.entries(instances)) checkBlock(body, s.block, `${kind}.${type}.${name}`, file, out, true);
    }
  };
  walk('resource', schema.resource_schemas);
  walk('data', schema.data_source_schemas);
  const providers = doc.provider?.proxmox;
  for (const [i, p] of (Array.isArray(providers) ? providers : providers ? [providers] : []).entries()) {
    checkBlock(p, schema.provider.block, `provider.proxmox[${i}]`, file, out, true);
  }
  return out;
}

/** Checks every stacks/<name>/cdk.tf.json under a synth output directory. */
export function checkSynthOutput(outDir: string, schema: ProviderSchema = loadProviderSchema()): Finding[] {
  const stacksDir = join(outDir, 'stacks');
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir)
    .sort()
    .flatMap((name) => {
      const file = join(stacksDir, name, 'cdk.tf.json');
      if (!existsSync(file)) return [];
      return checkTerraformJson(JSON.parse(readFileSync(file, 'utf8')) as TerraformJson, schema, file);
    });
}

const isExpression = (v: unknown) => typeof v === 'string' && /\$\{/.test(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkBlock(value: unknown, block: Block, path: string, file: string, out: Finding[], topLevel = false): void {
  if (!isObject(value)) {
    out.push({ code: 'wrong-type', severity: 'error', file, path, message: `expected a block (object), found ${describe(value)}` });
    return;
  }
  const attrs = block.attributes ?? {};
  const blocks = block.block_types ?? {};
  for (const [key, v] of Object.entries(value)) {
    if (topLevel && META.has(key)) continue;
    const p = `${path}.${key}`;
    const attr = attrs[key];
    const bt = blocks[key];
    if (attr) checkAttribute(v, attr, p, file, out);
    else if (bt) checkNestedBlock(v, bt, p, file, out);
    else out.push({ code: 'unknown-attribute', severity: 'error', file, path: p, message: `no attribute or block "${key}" here; known: ${[...Object.keys(attrs), ...Object.keys(blocks)].sort().join(', ')}` });
  }
  for (const [key, attr] of Object.entries(attrs)) {
    if (attr.required && (value[key] === undefined || value[key] === null)) out.push({ code: 'missing-required', severity: 'error', file, path: `${path}.${key}`, message: `required attribute "${key}" is not set` });
  }
  for (const [key, bt] of Object.entries(blocks)) {
    if ((bt.min_items ?? 0) > 0 && value[key] === undefined) out.push({ code: 'missing-required', severity: 'error', file, path: `${path}.${key}`, message: `required block "${key}" is missing (at least ${bt.min_items})` });
  }
}

function checkAttribute(v: unknown, attr: Attribute, path: string, file: string, out: Finding[]): void {
  if (attr.computed && !attr.optional && !attr.required) {
    out.push({ code: 'read-only', severity: 'error', file, path, message: 'attribute is read-only (computed by the provider) and cannot be set' });
    return;
  }
  if (attr.deprecated) out.push({ code: 'deprecated', severity: 'warning', file, path, message: 'attribute is deprecated in this provider version' });
  if (v === null || isExpression(v)) return;
  if (attr.type !== undefined) checkValue(v, attr.type, path, file, out);
  else if (attr.nested_type) checkNestedAttribute(v, attr.nested_type, path, file, out);
}

function checkNestedAttribute(v: unknown, nt: NestedType, path: string, file: string, out: Finding[]): void {
  const one = (x: unknown, p: string) => (isExpression(x) ? undefined : checkBlock(x, { attributes: nt.attributes }, p, file, out));
  if (nt.nesting_mode === 'single') return void one(v, path);
  if (nt.nesting_mode === 'map') {
    if (!isObject(v)) return void out.push(wrongType(file, path, 'a map of objects', v));
    for (const [k, x] of Object.entries(v)) one(x, `${path}.${k}`);
    return;
  }
  if (!Array.isArray(v)) return void out.push(wrongType(file, path, `a ${nt.nesting_mode} of objects`, v));
  v.forEach((x, i) => one(x, `${path}[${i}]`));
}

/**
 * A list/set block is an array of objects in Terraform JSON; cdktf writes a max_items 1 block
 * as a single object, which Terraform accepts too.
 */
function checkNestedBlock(v: unknown, bt: BlockType, path: string, file: string, out: Finding[]): void {
  if (isExpression(v)) return;
  if (bt.nesting_mode === 'single' || bt.nesting_mode === 'group') return checkBlock(v, bt.block, path, file, out);
  if (bt.nesting_mode === 'map') {
    if (!isObject(v)) return void out.push(wrongType(file, path, 'a map of blocks', v));
    for (const [k, x] of Object.entries(v)) checkBlock(x, bt.block, `${path}.${k}`, file, out);
    return;
  }
  let items: unknown[];
  if (Array.isArray(v)) items = v;
  else if (isObject(v) && bt.max_items === 1) items = [v];
  else {
    out.push({ code: 'wrong-nesting', severity: 'error', file, path, message: `expected an array of blocks${bt.max_items === 1 ? ' (or one object)' : ''}, found ${describe(v)}` });
    return;
  }
  const min = bt.min_items ?? 0;
  const max = bt.max_items;
  if (items.length < min || (max !== undefined && items.length > max)) {
    out.push({ code: 'item-count', severity: 'error', file, path, message: `expected ${min}${max !== undefined ? `..${max}` : '+'} blocks, found ${items.length}` });
  }
  items.forEach((x, i) => checkBlock(x, bt.block, Array.isArray(v) ? `${path}[${i}]` : path, file, out));
}

/** cty types: "string" | "number" | "bool" | "dynamic" | [list|set|map, T] | ["object", {..}] | ["tuple", [..]]. */
function checkValue(v: unknown, t: CtyType, path: string, file: string, out: Finding[]): void {
  if (v === null || isExpression(v)) return;
  if (typeof t === 'string') {
    const ok =
      t === 'dynamic' ||
      (t === 'string' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) ||
      (t === 'number' && (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))))) ||
      (t === 'bool' && (typeof v === 'boolean' || v === 'true' || v === 'false'));
    if (!ok) out.push(wrongType(file, path, t, v));
    return;
  }
  const [kind, inner] = t;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(v)) return void out.push(wrongType(file, path, `${kind} of ${typeName(inner as CtyType)}`, v));
    v.forEach((x, i) => checkValue(x, inner as CtyType, `${path}[${i}]`, file, out));
  } else if (kind === 'map') {
    if (!isObject(v)) return void out.push(wrongType(file, path, `map of ${typeName(inner as CtyType)}`, v));
    for (const [k, x] of Object.entries(v)) checkValue(x, inner as CtyType, `${path}.${k}`, file, out);
  } else if (kind === 'object') {
    if (!isObject(v)) return void out.push(wrongType(file, path, 'object', v));
    const fields = inner as Record<string, CtyType>;
    // In JSON, Terraform needs every object field present (null for unset), unlike HCL blocks.
    for (const f of Object.keys(fields)) {
      if (!(f in v)) out.push({ code: 'missing-required', severity: 'error', file, path: `${path}.${f}`, message: `object field "${f}" must be present (use null when unused)` });
    }
    for (const [k, x] of Object.entries(v)) {
      const ft = fields[k];
      if (ft === undefined) out.push({ code: 'unknown-attribute', severity: 'error', file, path: `${path}.${k}`, message: `object has no field "${k}"; fields: ${Object.keys(fields).sort().join(', ')}` });
      else checkValue(x, ft, `${path}.${k}`, file, out);
    }
  } else if (kind === 'tuple') {
    if (!Array.isArray(v)) return void out.push(wrongType(file, path, 'tuple', v));
    (inner as CtyType[]).forEach((et, i) => checkValue(v[i], et, `${path}[${i}]`, file, out));
  }
}

function typeName(t: CtyType): string {
  return typeof t === 'string' ? t : `${t[0]}(${t[0] === 'object' ? '…' : typeName(t[1] as CtyType)})`;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function wrongType(file: string, path: string, expected: string, v: unknown): Finding {
  return { code: 'wrong-type', severity: 'error', file, path, message: `expected ${expected}, found ${describe(v)}` };
}
