// A stand-in for the bpg/proxmox provider binary that only answers schema and validation calls,
// so a real `terraform validate` can check srw's synthesized JSON here, where Terraform cannot
// download the provider. It speaks go-plugin's handshake and gRPC over cleartext HTTP/2
// (Terraform started with TF_DISABLE_PLUGIN_TLS=1), serves the offline schema, and reports
// no diagnostics of its own: every error comes from Terraform checking the config against the
// schema. Anything else is answered UNIMPLEMENTED.
import { createServer, type ServerHttp2Stream } from 'node:http2';
import { readFileSync } from 'node:fs';
import { providerSchemaResponse, type JsonProviderSchema } from './schema-proto.js';

const FQN = 'registry.terraform.io/bpg/proxmox';
const MAGIC = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

if (process.env.TF_PLUGIN_MAGIC_COOKIE !== MAGIC) {
  process.stderr.write('This binary is a plugin. It is meant to be started by Terraform.\n');
  process.exit(1);
}
const schemaPath = process.env.SRW_PROXMOX_SCHEMA;
if (!schemaPath) throw new Error('SRW_PROXMOX_SCHEMA is not set');
const doc = JSON.parse(readFileSync(schemaPath, 'utf8')) as { provider_schemas: Record<string, JsonProviderSchema> };
const schema = providerSchemaResponse(doc.provider_schemas[FQN]!);
const empty = new Uint8Array(0);

/** Unary methods and their (encoded) responses; empty messages mean "no diagnostics". */
const answers: Record<string, Uint8Array> = {
  '/tfplugin6.Provider/GetProviderSchema': schema,
  '/tfplugin6.Provider/ValidateProviderConfig': empty,
  '/tfplugin6.Provider/ValidateResourceConfig': empty,
  '/tfplugin6.Provider/ValidateDataResourceConfig': empty,
  '/tfplugin6.Provider/StopProvider': empty,
};

function reply(stream: ServerHttp2Stream, body: Uint8Array): void {
  const frame = Buffer.alloc(5 + body.length);
  frame.writeUInt32BE(body.length, 1); // byte 0: not compressed
  Buffer.from(body).copy(frame, 5);
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
  stream.end(frame);
}

const server = createServer();
server.on('stream', (stream, headers) => {
  const path = String(headers[':path']);
  stream.on('data', () => {}); // requests are not needed
  stream.on('error', () => {});
  if (path === '/plugin.GRPCController/Shutdown') {
    // go-plugin asks before killing; answering and exiting saves its 2 s grace period.
    stream.on('end', () => {
      reply(stream, empty);
      stream.on('close', () => process.exit(0));
    });
    return;
  }
  const answer = answers[path];
  if (answer) {
    stream.on('end', () => reply(stream, answer));
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
