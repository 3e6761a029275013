// A stand-in for the bpg/proxmox provider binary, so a real `terraform` can validate, plan, apply
// and import srw's synthesized stacks here, where Terraform cannot download the provider. It
// speaks go-plugin's handshake and gRPC over cleartext HTTP/2 (Terraform started with
// TF_DISABLE_PLUGIN_TLS=1) and serves the offline bpg/proxmox 0.111.1 schema, so every
// validation finding is Terraform's own.
//
// With SRW_FAKE_PVE_WORLD=<file> it also keeps a "cluster" (world.ts): ApplyResourceChange
// creates, updates and deletes objects there (ids as bpg assigns them: the VM id for guests),
// ReadResource reads them back (an object removed from the world is gone, as after a manual
// delete), ImportResourceState finds them by bpg's documented import ids, and PlanResourceChange
// marks computed attributes "known after apply" on create and asks for a replacement exactly
// where bpg 0.111.1 would (replace-rules.ts). What it does NOT model: provider-side defaults,
// validation beyond the schema, and every bpg attribute it does not compare.
// SRW_FAKE_APPLY_DELAY_MS slows each apply step (to catch an apply in flight).
import { createServer, type ServerHttp2Stream } from 'node:http2';
import { readFileSync } from 'node:fs';
import { providerSchemaResponse, type JsonProviderSchema } from './schema-proto.js';
import { bytesField, decodeFields, message, stringField, type Field, type Fields } from './protobuf.js';
import { fromDynamic, isObject, toJson, toMsgpack, UNKNOWN, type Value } from './cty-value.js';
import { replacePaths } from './replace-rules.js';
import { importIdOf, newIdOf, readWorld, updateWorld } from './world.js';

const FQN = 'registry.terraform.io/bpg/proxmox';
const MAGIC = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

if (process.env.TF_PLUGIN_MAGIC_COOKIE !== MAGIC) {
  process.stderr.write('This binary is a plugin. It is meant to be started by Terraform.\n');
  process.exit(1);
}
const schemaPath = process.env.SRW_PROXMOX_SCHEMA;
if (!schemaPath) throw new Error('SRW_PROXMOX_SCHEMA is not set');
const doc = JSON.parse(readFileSync(schemaPath, 'utf8')) as { provider_schemas: Record<string, JsonProviderSchema> };
const providerSchema = doc.provider_schemas[FQN]!;
const schema = providerSchemaResponse(providerSchema);
const worldPath = process.env.SRW_FAKE_PVE_WORLD;
const applyDelayMs = Number(process.env.SRW_FAKE_APPLY_DELAY_MS ?? 0);
const empty = new Uint8Array(0);

// ---- helpers for the messages -----------------------------------------------------------

function dynamic(f: Fields, no: number): Value {
  const dv = bytesField(f, no);
  if (!dv) return null;
  const inner = decodeFields(dv);
  return fromDynamic(bytesField(inner, 1), bytesField(inner, 2));
}

const msgpackValue = (v: Value): Uint8Array => message([[1, 'bytes', toMsgpack(v)]]);
const jsonValue = (v: unknown): Uint8Array => message([[2, 'bytes', JSON.stringify(v)]]);

function attributePath(steps: (string | number)[]): Uint8Array {
  return message(steps.map((s): Field => [1, 'message', typeof s === 'number' ? message([[3, 'varint', s]]) : message([[1, 'bytes', s]])]));
}

function computedAttributes(type: string): string[] {
  const attrs = providerSchema.resource_schemas[type]?.block.attributes ?? {};
  return Object.entries(attrs)
    .filter(([, a]) => a.computed)
    .map(([n]) => n);
}

function withoutUnknowns(v: Value, id: string, top = true): Value {
  if (v === UNKNOWN) return null;
  if (Array.isArray(v)) return v.map((x) => withoutUnknowns(x, id, false));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, top && k === 'id' && x === UNKNOWN ? id : withoutUnknowns(x, id, false)]));
  return v;
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

// ---- the resource lifecycle -------------------------------------------------------------

function upgradeResourceState(req: Fields): Uint8Array {
  // The state is already in the current schema's shape: hand the JSON back as it is.
  const raw = decodeFields(bytesField(req, 3) ?? empty);
  return message([[1, 'message', message([[2, 'bytes', bytesField(raw, 1) ?? new TextEncoder().encode('null')]])]]);
}

function readResource(req: Fields): Uint8Array {
  const type = stringField(req, 1);
  const current = dynamic(req, 2);
  if (!worldPath || !isObject(current)) return message([[1, 'message', msgpackValue(current)]]);
  const found = readWorld(worldPath).objects.find((o) => o.type === type && o.id === String(current.id));
  // Gone from the cluster: a null new state tells Terraform to plan it anew.
  return message([[1, 'message', found ? jsonValue(found.state) : msgpackValue(null)]]);
}

function planResourceChange(req: Fields): Uint8Array {
  const type = stringField(req, 1);
  const prior = dynamic(req, 2);
  const proposed = dynamic(req, 3);
  if (!isObject(proposed)) return message([[1, 'message', msgpackValue(proposed)]]);
  const planned: { [k: string]: Value } = { ...proposed };
  const replace = isObject(prior) ? replacePaths(type, prior, planned) : [];
  if (!isObject(prior) || replace.length > 0) {
    // Created (or re-created): what the provider computes is known only after apply.
    for (const a of computedAttributes(type)) if (planned[a] === null || (replace.length > 0 && a === 'id')) planned[a] = UNKNOWN;
  }
  return message([
    [1, 'message', msgpackValue(planned)],
    ...replace.map((p): Field => [2, 'message', attributePath(p)]),
  ]);
}

async function applyResourceChange(req: Fields): Promise<Uint8Array> {
  const type = stringField(req, 1);
  const prior = dynamic(req, 2);
  const planned = dynamic(req, 3);
  if (applyDelayMs > 0) await sleep(applyDelayMs);
  if (!isObject(planned)) {
    if (worldPath && isObject(prior)) updateWorld(worldPath, (w) => void (w.objects = w.objects.filter((o) => !(o.type === type && o.id === String(prior.id)))));
    return message([[1, 'message', msgpackValue(null)]]);
  }
  const plain = toJson(withoutUnknowns(planned, '')) as Record<string, unknown>;
  // A configured id (an SDN vnet's name) is the id; otherwise keep the prior one or assign one.
  const id = typeof planned.id === 'string' ? planned.id : isObject(prior) && planned.id !== UNKNOWN ? String(prior.id) : newIdOf(type, plain);
  const state = toJson(withoutUnknowns(planned, id)) as Record<string, unknown>;
  if (worldPath) {
    updateWorld(worldPath, (w) => {
      w.objects = w.objects.filter((o) => !(o.type === type && (o.id === id || (isObject(prior) && o.id === String(prior.id)))));
      w.objects.push({ type, id, importId: importIdOf(type, state), state });
    });
  }
  return message([[1, 'message', msgpackValue(withoutUnknowns(planned, id))]]);
}

function importResourceState(req: Fields): Uint8Array {
  const type = stringField(req, 1);
  const id = stringField(req, 2);
  const found = worldPath ? readWorld(worldPath).objects.find((o) => o.type === type && o.importId === id) : undefined;
  // Nothing imported: Terraform itself reports "Cannot import non-existent remote object".
  if (!found) return empty;
  const imported = message([
    [1, 'bytes', type],
    [2, 'message', jsonValue(found.state)],
  ]);
  return message([[1, 'message', imported]]);
}

// ---- gRPC plumbing ----------------------------------------------------------------------

type Handler = (req: Fields) => Uint8Array | Promise<Uint8Array>;

const handlers: Record<string, Handler> = {
  '/tfplugin6.Provider/GetProviderSchema': () => schema,
  '/tfplugin6.Provider/ValidateProviderConfig': () => empty,
  '/tfplugin6.Provider/ValidateResourceConfig': () => empty,
  '/tfplugin6.Provider/ValidateDataResourceConfig': () => empty,
  '/tfplugin6.Provider/ConfigureProvider': () => empty,
  '/tfplugin6.Provider/StopProvider': () => empty,
  '/tfplugin6.Provider/UpgradeResourceState': upgradeResourceState,
  '/tfplugin6.Provider/ReadResource': readResource,
  '/tfplugin6.Provider/PlanResourceChange': planResourceChange,
  '/tfplugin6.Provider/ApplyResourceChange': applyResourceChange,
  '/tfplugin6.Provider/ImportResourceState': importResourceState,
};

function reply(stream: ServerHttp2Stream, body: Uint8Array): void {
  const frame = Buffer.alloc(5 + body.length);
  frame.writeUInt32BE(body.length, 1); // byte 0: not compressed
  Buffer.from(body).copy(frame, 5);
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
  stream.end(frame);
}

function fail(stream: ServerHttp2Stream, summary: string): void {
  // A provider error is a diagnostic in the answer, not a gRPC failure; the diagnostics field
  // number differs per message, so report it as an internal gRPC error instead.
  stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '13', 'grpc-message': encodeURIComponent(summary) }, { endStream: true });
}

const server = createServer();
server.on('stream', (stream, headers) => {
  const path = String(headers[':path']);
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('error', () => {});
  if (path === '/plugin.GRPCController/Shutdown') {
    // go-plugin asks before killing; answering and exiting saves its 2 s grace period.
    stream.on('end', () => {
      reply(stream, empty);
      stream.on('close', () => process.exit(0));
    });
    return;
  }
  const handler = handlers[path];
  if (handler) {
    stream.on('end', () => {
      const body = Buffer.concat(chunks);
      // gRPC framing: 1 byte compressed flag, 4 bytes length, then the message.
      const req = decodeFields(body.subarray(5, 5 + body.readUInt32BE(1)));
      Promise.resolve()
        .then(() => handler(req))
        .then(
          (answer) => reply(stream, answer),
          (e: unknown) => fail(stream, `srw fake provider: ${path}: ${e instanceof Error ? e.message : String(e)}`),
        );
    });
    return;
  }
  // go-plugin's controller/stdio/broker services and every other RPC: trailers-only UNIMPLEMENTED.
  stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': `srw fake provider: ${path}` }, { endStream: true });
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no address');
  // go-plugin handshake: core protocol 1, plugin protocol 6, tcp, address, grpc.
  process.stdout.write(`1|6|tcp|127.0.0.1:${addr.port}|grpc\n`);
});
